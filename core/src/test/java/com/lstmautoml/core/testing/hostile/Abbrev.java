package com.lstmautoml.core.testing.hostile;

/** Keeps failure reports readable when a sample holds 100 000-character strings. */
public final class Abbrev {

    private Abbrev() {
    }

    public static String of(String s) {
        if (s == null) {
            return "null";
        }
        String e = s.replace("\r", "\\r").replace("\n", "\\n");
        return e.length() <= 600 ? e : e.substring(0, 400) + " ...(" + e.length() + " chars)... "
                + e.substring(e.length() - 150);
    }
}
