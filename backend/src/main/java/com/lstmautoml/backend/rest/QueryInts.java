package com.lstmautoml.backend.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;

/**
 * Integers from query parameters and JSON bodies, read here rather than by the framework: a malformed
 * {@code ?page=x} would otherwise be the framework's 404 naming nothing, and Jackson would read {@code 1.5} as 1.
 * Both are a 400 naming the field.
 */
final class QueryInts {

    private QueryInts() {
    }

    /**
     * A request body read as JSON: null when empty (the readers below treat that as "nothing given"); malformed JSON
     * is the mapper's 400.
     */
    static JsonNode jsonBody(byte[] body) throws java.io.IOException {
        return body == null || body.length == 0 ? null : com.lstmautoml.backend.config.Json.MAPPER.readTree(body);
    }

    /** A query parameter: {@code fallback} when absent or blank, else a whole number that fits in an int. */
    static int parse(String value, String field, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new ValidationException(field, "'" + FieldError.excerpt(value) + "' is not a whole number; give an"
                    + " integer (e.g. " + fallback + ")");
        }
    }

    /**
     * An optional id in a JSON object body: null when the body is empty or the field is absent or null; a 400 for a
     * body that is not an object, or a value that is not a whole number (1.5, "1", 1e400) or not positive.
     */
    static Long optionalId(JsonNode body, String field) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            return null;
        }
        if (!body.isObject()) {
            throw new ValidationException("body", "send a JSON object, e.g. {\"" + field + "\": 12}, or {}");
        }
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 1) {
            throw new ValidationException(field, "'" + FieldError.excerpt(v.toString()) + "' is not an id; give a"
                    + " positive whole number, or leave it out");
        }
        return v.asLong();
    }

    /**
     * An optional string in a JSON object body ({@link #optionalId} checked the body is an object or empty): null
     * when absent or null; a 400 at the field for a value that is not a string.
     */
    static String optionalText(JsonNode body, String field) {
        if (body == null || !body.isObject()) {
            return null;
        }
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new ValidationException(field, "'" + FieldError.excerpt(v.toString()) + "' is not a name; give a"
                    + " string, or leave it out");
        }
        return v.textValue();
    }

    /** An optional boolean in a JSON object body: {@code fallback} when absent or null; a 400 for a non-boolean. */
    static boolean optionalBoolean(JsonNode body, String field, boolean fallback) {
        if (body == null || !body.isObject()) {
            return fallback;
        }
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw new ValidationException(field, "'" + FieldError.excerpt(v.toString()) + "' is not true or false;"
                    + " give a boolean, or leave it out (" + fallback + ")");
        }
        return v.booleanValue();
    }

    /** A required positive whole number in a JSON object body: a 400 at the field otherwise. */
    static int requiredPositiveInt(JsonNode body, String field, String example) {
        if (body == null || !body.isObject()) {
            throw new ValidationException("body", "send a JSON object, e.g. " + example);
        }
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            throw new ValidationException(field, "is required, e.g. " + example);
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 1) {
            throw new ValidationException(field, "'" + FieldError.excerpt(v.toString()) + "' is not a version number;"
                    + " give a positive whole number, e.g. " + example);
        }
        return v.asInt();
    }
}
