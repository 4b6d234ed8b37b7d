package com.lstmautoml.core.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Invalid user input; the API answers 400 with these field errors, the dashboard shows them at the fields. */
public class ValidationException extends RuntimeException {

    private final transient List<FieldError> errors;

    /**
     * Most errors kept: a list of 200 000 bad values is reported by its first {@value} errors and one that counts the
     * rest, so the answer stays readable and small.
     */
    public static final int MAX_ERRORS = 100;

    public ValidationException(List<FieldError> errors) {
        this(capped(errors), true);
    }

    private ValidationException(List<FieldError> errors, boolean capped) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = errors;
    }

    private static List<FieldError> capped(List<FieldError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ValidationException needs at least one error");
        }
        if (errors.size() <= MAX_ERRORS) {
            return List.copyOf(errors);
        }
        List<FieldError> out = new ArrayList<>(errors.subList(0, MAX_ERRORS));
        out.add(new FieldError(errors.get(MAX_ERRORS).field(), "and " + (errors.size() - MAX_ERRORS)
                + " more problems not listed; fix the ones above and send the request again"));
        return List.copyOf(out);
    }

    public ValidationException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
