package com.lstmautoml.core.validation;

/**
 * One problem with user input.
 *
 * @param field   where, as a JSON path into the request ({@code searchSpace.units.min}) or a data location
 *                ({@code row 12, column Passengers})
 * @param message what is wrong and what to do about it
 */
public record FieldError(String field, String message) {

    /** Longest piece of user input quoted in a field or message by {@link #excerpt}. */
    public static final int EXCERPT_LENGTH = 80;

    /**
     * User input to quote in a field or message: cut to {@value #EXCERPT_LENGTH} characters (an unknown key of a
     * megabyte must not be echoed back whole).
     */
    public static String excerpt(String text) {
        return text.length() <= EXCERPT_LENGTH ? text : text.substring(0, EXCERPT_LENGTH) + "...";
    }

    /**
     * The field path {@code parent.key} of a key the user sent; when the key is blank (or the parent is empty and the
     * key blank) the path is {@code parent} or {@code body}, so a field is never blank.
     */
    public static String child(String parent, String key) {
        if (key.isBlank()) {
            return parent.isEmpty() ? "body" : parent;
        }
        return parent.isEmpty() ? excerpt(key) : parent + "." + excerpt(key);
    }

    /**
     * One error per key of a request object that is not among {@code allowed}, at its path ({@link #child}), naming
     * the allowed ones in order.
     */
    public static java.util.List<FieldError> unknownFields(java.util.Iterator<String> keys,
                                                           java.util.Set<String> allowed) {
        java.util.List<FieldError> errors = new java.util.ArrayList<>();
        while (keys.hasNext()) {
            String key = keys.next();
            if (!allowed.contains(key)) {
                errors.add(new FieldError(child("", key), "unknown field '" + excerpt(key) + "'; allowed fields are "
                        + new java.util.TreeSet<>(allowed)));
            }
        }
        return errors;
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
