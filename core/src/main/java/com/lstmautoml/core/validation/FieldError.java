package com.lstmautoml.core.validation;

/**
 * One problem with user input.
 *
 * @param field   where, as a JSON path into the request ({@code searchSpace.units.min}) or a data location
 *                ({@code row 12, column Passengers})
 * @param message what is wrong and what to do about it
 */
public record FieldError(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
