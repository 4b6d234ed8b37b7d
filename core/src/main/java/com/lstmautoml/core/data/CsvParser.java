package com.lstmautoml.core.data;

import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses a CSV time series into a {@link Table}.
 *
 * <p>Format: comma separated, header row required, RFC 4180 quoting ({@code "a,b"}, {@code ""} for a quote, quoted
 * fields may span lines). A leading UTF-8 BOM is dropped, CRLF / LF / CR line ends are accepted, whitespace around
 * fields is trimmed and blank (whitespace-only) lines are skipped wherever they are. The time column (the first column
 * unless named) is kept as text; every other column must hold a finite decimal number in every row.
 *
 * <p>Problems in the data are reported as {@link ValidationException}s whose field names the 1-based line of the file
 * ({@code row 12, column Passengers}); data errors are collected (up to {@value #MAX_REPORTED_ERRORS}) so the user sees
 * several at once. Instances are immutable and thread-safe.
 */
public final class CsvParser {

    public static final int DEFAULT_MAX_ROWS = 1_000_000;
    public static final int DEFAULT_MAX_COLUMNS = 100;
    /** at most this many data errors are reported in one exception */
    public static final int MAX_REPORTED_ERRORS = 20;
    /** longest column name accepted, in characters (names are stored and indexed; the time column's too) */
    public static final int MAX_COLUMN_NAME = 200;

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Set<String> NON_FINITE = Set.of("nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity",
            "+infinity", "-infinity", "na", "n/a", "null", "none");

    private final int maxRows;
    private final int maxColumns;

    public CsvParser() {
        this(DEFAULT_MAX_ROWS, DEFAULT_MAX_COLUMNS);
    }

    /**
     * @param maxRows    most data rows accepted (the header not counted)
     * @param maxColumns most columns accepted (the time column included)
     */
    public CsvParser(int maxRows, int maxColumns) {
        if (maxRows < 1 || maxColumns < 2) {
            throw new IllegalArgumentException("need maxRows >= 1 and maxColumns >= 2, got " + maxRows + ", " + maxColumns);
        }
        this.maxRows = maxRows;
        this.maxColumns = maxColumns;
    }

    /**
     * The text of an uploaded file, which must be UTF-8 (US-ASCII is; a leading BOM is kept for {@link #parse} to
     * drop). Bytes that are not UTF-8 are refused, naming the offset of the first, rather than replaced by U+FFFD.
     *
     * @param field what the bytes came as, for the 400 ({@code body}, {@code file})
     * @throws ValidationException naming the 0-based byte offset of the first invalid byte
     */
    public static String decodeUtf8(byte[] bytes, String field) {
        if (bytes == null || bytes.length == 0) {
            return "";
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never gives more chars than bytes
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            long line = 1;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new ValidationException(field, String.format(Locale.ROOT, "the file is not valid UTF-8: the byte at"
                    + " offset %d (line %d) is 0x%02X, which does not start or continue a UTF-8 character; save the"
                    + " file as CSV (UTF-8) and upload it again", offset, line, bytes[offset] & 0xFF));
        }
        out.flip();
        return out.toString();
    }

    /** Parses with the first column as the time column. */
    public Table parse(String csv) {
        return parse(csv, null);
    }

    /** Parses from a reader (read to the end, not closed) with the first column as the time column. */
    public Table parse(Reader reader) {
        return parse(reader, null);
    }

    /** @param timeColumn name of the time column, or null for the first column */
    public Table parse(Reader reader, String timeColumn) {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[8192];
        try {
            for (int n; (n = reader.read(buf)) != -1; ) {
                sb.append(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parse(sb.toString(), timeColumn);
    }

    /** @param timeColumn name of the time column, or null for the first column */
    public Table parse(String csv, String timeColumn) {
        if (csv == null || csv.isBlank() || (csv.charAt(0) == '\uFEFF' && csv.substring(1).isBlank())) {
            throw new ValidationException("dataset", "the file is empty; upload a CSV file with a header row "
                    + "(e.g. Month,Passengers) followed by one row per time step");
        }
        int nul = csv.indexOf('\u0000');
        if (nul >= 0) {
            // PostgreSQL text cannot hold U+0000 (and a text CSV has none): refused before anything is stored
            long line = csv.substring(0, nul).chars().filter(c -> c == '\n').count() + 1;
            throw new ValidationException("dataset", "the file contains the NUL character (byte 0) on line " + line
                    + "; it does not look like a text CSV file: save it as CSV (UTF-8) and upload it again");
        }
        Records records = new Records(csv.charAt(0) == '\uFEFF' ? csv.substring(1) : csv);

        Record header = records.next();
        if (header == null) {
            throw new ValidationException("dataset", "the file is empty; upload a CSV file with a header row "
                    + "followed by one row per time step");
        }
        List<String> names = checkHeader(header);
        int timeIndex = timeIndex(names, timeColumn);

        List<FieldError> errors = new ArrayList<>();
        List<String> times = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        for (Record r; (r = records.next()) != null && errors.size() < MAX_REPORTED_ERRORS; ) {
            if (times.size() == maxRows) {
                throw new ValidationException("dataset", "the file has more than " + maxRows
                        + " data rows, the most accepted; shorten the series (e.g. keep the latest " + maxRows
                        + " rows or aggregate to a coarser time step) and upload it again");
            }
            if (r.cells.size() != names.size()) {
                errors.add(new FieldError("row " + r.line, "has " + r.cells.size() + " cells but the header has "
                        + names.size() + " columns; give every row exactly " + names.size()
                        + " comma-separated values (quote values that contain commas)"));
                continue;
            }
            double[] values = new double[names.size()];
            String time = null;
            for (int c = 0; c < names.size(); c++) {
                String cell = r.cells.get(c);
                String field = "row " + r.line + ", column " + FieldError.excerpt(names.get(c));
                if (c == timeIndex) {
                    if (cell.isEmpty()) {
                        errors.add(new FieldError(field, "the time label is missing; fill in the time of this row "
                                + "or delete the row"));
                    }
                    time = cell;
                } else {
                    String problem = numberProblem(cell);
                    if (problem != null) {
                        errors.add(new FieldError(field, problem));
                    } else {
                        values[c] = Double.parseDouble(cell);
                        if (!Double.isFinite(values[c])) {
                            errors.add(new FieldError(field, "'" + FieldError.excerpt(cell) + "' is too large to be a finite number; "
                                    + "rescale the column (e.g. to thousands) and upload again"));
                        }
                    }
                }
            }
            times.add(time);
            rows.add(values);
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        if (times.isEmpty()) {
            throw new ValidationException("dataset", "the file has a header but no data rows; add one row per time "
                    + "step below the header");
        }
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (int c = 0; c < names.size(); c++) {
            if (c == timeIndex) {
                continue;
            }
            double[] col = new double[rows.size()];
            for (int i = 0; i < col.length; i++) {
                col[i] = rows.get(i)[c];
            }
            columns.put(names.get(c), col);
        }
        return new Table(names.get(timeIndex), times, columns);
    }

    private List<String> checkHeader(Record header) {
        List<String> names = header.cells;
        List<FieldError> errors = new ArrayList<>();
        if (names.size() < 2) {
            throw new ValidationException("header", "the header has " + names.size() + " column; a time series "
                    + "needs at least 2: add a time column and a numeric value column, separated by a comma (e.g. "
                    + "Month,Passengers)");
        }
        if (names.size() > maxColumns) {
            throw new ValidationException("header", "the header has " + names.size() + " columns, the most accepted"
                    + " is " + maxColumns + "; remove the columns you do not use as target or feature");
        }
        boolean looksLikeData = names.subList(1, names.size()).stream().allMatch(n -> DECIMAL.matcher(n).matches());
        if (looksLikeData) {
            throw new ValidationException("header", "the first line (" + FieldError.excerpt(String.join(",", names)) + ") looks like "
                    + "data, not a header: its value columns are numbers; add a first line with the column names "
                    + "(e.g. Month,Passengers)");
        }
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < names.size(); c++) {
            String name = names.get(c);
            if (name.isEmpty()) {
                errors.add(new FieldError("header, column " + (c + 1), "the column name is blank; give every column"
                        + " a name in the header row"));
            } else if (name.length() > MAX_COLUMN_NAME) {
                errors.add(new FieldError("header, column " + (c + 1), "the column name '" + FieldError.excerpt(name)
                        + "' has " + name.length() + " characters, the most accepted is " + MAX_COLUMN_NAME
                        + "; shorten it"));
            } else if (!seen.add(name)) {
                errors.add(new FieldError("header, column " + (c + 1), "the column name '" + FieldError.excerpt(name)
                        + "' appears more than once; give every column a distinct name"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return names;
    }

    private static int timeIndex(List<String> names, String timeColumn) {
        if (timeColumn == null) {
            return 0;
        }
        int i = names.indexOf(timeColumn.strip());
        if (i < 0) {
            throw new ValidationException("timeColumn", "there is no column '" + FieldError.excerpt(timeColumn) + "'; choose one of "
                    + FieldError.excerpt(names.toString()) + " (names are case-sensitive) or leave it empty to use the first column");
        }
        return i;
    }

    /** @return null when the cell is a decimal number, else the message for the user */
    private static String numberProblem(String cell) {
        if (cell.isEmpty()) {
            return "the value is missing; fill it in (e.g. interpolate from the neighbouring rows) or delete the row";
        }
        if (NON_FINITE.contains(cell.toLowerCase(Locale.ROOT))) {
            return "'" + FieldError.excerpt(cell) + "' is not a finite number; replace it with a real value (e.g. interpolate from the "
                    + "neighbouring rows) or delete the row";
        }
        if (!DECIMAL.matcher(cell).matches()) {
            return "'" + FieldError.excerpt(cell) + "' is not a number; use digits with '.' as the decimal point and no thousands "
                    + "separators or units (e.g. 1234.5)";
        }
        return null;
    }

    /** One CSV record and the 1-based line of the file it starts on. */
    private record Record(int line, List<String> cells) {
    }

    /** Splits text into records; skips blank lines. */
    private static final class Records {
        private final String s;
        private int pos;
        private int line = 1;

        Records(String s) {
            this.s = s;
        }

        Record next() {
            while (pos < s.length()) {
                int start = line;
                List<String> cells = new ArrayList<>();
                boolean blank = readRecord(cells);
                if (!blank) {
                    return new Record(start, cells);
                }
            }
            return null;
        }

        /** reads one record into cells; returns true when the line was blank */
        private boolean readRecord(List<String> cells) {
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;       // this cell had a quoted section
            boolean anyText = false;
            int startLine = line;
            while (true) {
                if (pos >= s.length()) {
                    cells.add(quoted ? cell.toString() : cell.toString().strip());
                    break;
                }
                char ch = s.charAt(pos++);
                if (ch == '"' && (!quoted && cell.toString().isBlank())) {
                    // quoted field: read to the closing quote
                    quoted = true;
                    anyText = true;
                    cell.setLength(0);
                    while (true) {
                        if (pos >= s.length()) {
                            throw new ValidationException("row " + startLine, "a quoted value is not closed; add the "
                                    + "closing \" (write \"\" for a quote inside a quoted value)");
                        }
                        char q = s.charAt(pos++);
                        if (q == '"') {
                            if (pos < s.length() && s.charAt(pos) == '"') {
                                cell.append('"');
                                pos++;
                            } else {
                                break;
                            }
                        } else {
                            if (q == '\n' || (q == '\r' && !(pos < s.length() && s.charAt(pos) == '\n'))) {
                                line++;
                            }
                            cell.append(q);
                        }
                    }
                } else if (ch == ',') {
                    cells.add(quoted ? cell.toString() : cell.toString().strip());
                    cell.setLength(0);
                    quoted = false;
                    anyText = true;
                } else if (ch == '\n' || ch == '\r') {
                    if (ch == '\r' && pos < s.length() && s.charAt(pos) == '\n') {
                        pos++;
                    }
                    line++;
                    cells.add(quoted ? cell.toString() : cell.toString().strip());
                    break;
                } else if (quoted) {
                    if (!Character.isWhitespace(ch)) {
                        throw new ValidationException("row " + startLine, "unexpected text after a quoted value; "
                                + "put the whole value inside the quotes (write \"\" for a quote inside it)");
                    }
                } else {
                    cell.append(ch);
                    if (!Character.isWhitespace(ch)) {
                        anyText = true;
                    }
                }
            }
            return !anyText;
        }
    }
}
