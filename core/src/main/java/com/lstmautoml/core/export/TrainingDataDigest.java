package com.lstmautoml.core.export;

import com.lstmautoml.core.data.ChronoSplit;
import com.lstmautoml.core.data.Table;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The fingerprint of the rows a model was fitted on, written on its model card so that whoever holds an export can
 * check that a series of theirs is exactly the training data, without the service.
 *
 * <p>Definition: the lower-case hex SHA-256 of the UTF-8 bytes of this CSV text, with no byte-order mark:
 * <ul>
 *   <li>a header line {@code time,<input column 1>,<input column 2>,...}: the literal word {@code time}, then the
 *   model's input columns in model order (the target first), whatever the dataset calls its time column;</li>
 *   <li>then one line per training row, in row order: the row's time label as stored, then the value of each input
 *   column in the same order, written with Java's {@link Double#toString(double)} ({@code 112} is {@code 112.0},
 *   {@code 1.0E-4} keeps its exponent);</li>
 *   <li>fields separated by {@code ,}; every line, the last included, ends with a single LF ({@code \n});</li>
 *   <li>a field (label or column name) holding a comma, a double quote, CR or LF is quoted as RFC 4180 says:
 *   enclosed in double quotes, inner double quotes doubled; other fields are written as they are.</li>
 * </ul>
 * Numbers are rewritten rather than hashed as uploaded so that the hash depends on the values only: {@code 112},
 * {@code 112.00} and {@code 1.12e2} in two uploads are the same training data.
 */
public final class TrainingDataDigest {

    /** The definition in one line, stored next to the hash on the card. */
    public static final String DEFINITION = "SHA-256 (hex) of UTF-8 CSV text: header 'time,<input columns in model"
            + " order>', then one line per training row: its time label and each input column's value written with"
            + " Java's Double.toString; ',' between fields, '\\n' after every line; RFC 4180 quotes only around a"
            + " field holding ',', '\"', CR or LF";

    /** The definition of a text model's digest ({@link #sha256(String)}): its training slice, hashed as it is. */
    public static final String TEXT_DEFINITION = "SHA-256 of the training slice's characters (the text's first"
            + " 80 %), UTF-8";

    private TrainingDataDigest() {
    }

    /**
     * The CSV text hashed by {@link #sha256}: the header and rows {@code [rows.from(), rows.to())} of
     * {@code table}'s {@code columns}.
     */
    public static String csv(Table table, List<String> columns, ChronoSplit.Range rows) {
        if (rows.to() > table.rows()) {
            throw new IllegalArgumentException("rows up to " + rows.to() + " asked of a table of " + table.rows());
        }
        double[][] values = new double[columns.size()][];
        StringBuilder sb = new StringBuilder("time");
        for (int c = 0; c < columns.size(); c++) {
            values[c] = table.column(columns.get(c));
            sb.append(',').append(field(columns.get(c)));
        }
        sb.append('\n');
        for (int r = rows.from(); r < rows.to(); r++) {
            sb.append(field(table.times().get(r)));
            for (double[] column : values) {
                sb.append(',').append(Double.toString(column[r]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The lower-case hex SHA-256 of {@link #csv}'s UTF-8 bytes. */
    public static String sha256(Table table, List<String> columns, ChronoSplit.Range rows) {
        return sha256(csv(table, columns, rows));
    }

    /** The lower-case hex SHA-256 of {@code text}'s UTF-8 bytes (a text model's training slice). */
    public static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** RFC 4180 quoting, only where the field needs it. */
    static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\r') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
