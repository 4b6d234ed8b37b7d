package com.lstmautoml.core.testing.hostile;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Valid CSV time series and mutations of them: shuffled, missing and extra columns, non-numeric and empty cells,
 * blank lines, a BOM, quotes (balanced or not), enormous cells, non-monotonic and duplicate times, CRLF and CR line
 * ends, truncation, control characters, too many rows or columns.
 */
public final class CsvFiles {

    private CsvFiles() {
    }

    /** A valid series: {@code time,y,x} and {@code rows} monthly rows, every value positive (a log transform fits). */
    public static Csv valid(int rows) {
        Csv c = new Csv();
        c.rows.add(new ArrayList<>(List.of("time", "y", "x")));
        for (int i = 0; i < rows; i++) {
            c.rows.add(new ArrayList<>(List.of(String.format("%04d-%02d", 2000 + i / 12, i % 12 + 1),
                    Double.toString(100 + 10 * Math.sin(i / 3.0)), Integer.toString(1 + i % 7))));
        }
        return c;
    }

    /** The text of {@link #valid(int)}. */
    public static String validText(int rows) {
        return valid(rows).render();
    }

    /** A valid series of {@code rows} rows with one to four mutations. */
    public static Arbitrary<HostileCsv> mutated(int rows) {
        return mutation().list().ofMinSize(1).ofMaxSize(4).map(ms -> {
            Csv c = valid(rows);
            List<String> steps = new ArrayList<>();
            for (Mutation m : ms) {
                steps.add(m.description());
                m.action().accept(c);
            }
            return new HostileCsv(steps, c.render());
        });
    }

    /** Random text, not derived from a valid file. */
    public static Arbitrary<HostileCsv> randomTexts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars(",\"\r\n \t0123456789.eE-+abcNn\uFEFF\u0000").ofMaxLength(200),
                Arbitraries.strings().ofMaxLength(200),
                Arbitraries.of("", "\uFEFF", "\n\n\n", "a", "a,b", "a,b\n", "\"", "\"\"\"", ",\n,", "time,y\n1,\"2",
                        "time,y\n1,2,3", "1,2\n3,4", "time,y\n,1", "time,time\n1,2", "time,\n1,2"))
                .map(t -> new HostileCsv(List.of("random text"), t));
    }

    /** A CSV being mutated: rows of cells (header first), the line end, and text to prepend or append. */
    public static final class Csv {
        final List<List<String>> rows = new ArrayList<>();
        String lineEnd = "\n";
        String prefix = "";
        String suffix = "";
        int truncateAt = -1;

        public String render() {
            StringBuilder sb = new StringBuilder(prefix);
            for (List<String> r : rows) {
                sb.append(String.join(",", r)).append(lineEnd);
            }
            sb.append(suffix);
            String s = sb.toString();
            return truncateAt >= 0 && truncateAt < s.length() ? s.substring(0, truncateAt) : s;
        }

        /** The header row (an empty one is added when the file has no rows left). */
        List<String> header() {
            if (rows.isEmpty()) {
                rows.add(new ArrayList<>());
            }
            return rows.get(0);
        }

        int pickRow(int r, boolean dataOnly) {
            if (rows.isEmpty()) {
                return -1;
            }
            if (dataOnly) {
                return rows.size() < 2 ? -1 : 1 + Math.floorMod(r, rows.size() - 1);
            }
            return Math.floorMod(r, rows.size());
        }

        void setCell(int r, int c, String value) {
            int row = pickRow(r, true);
            if (row < 0 || rows.get(row).isEmpty()) {
                return;
            }
            List<String> cells = rows.get(row);
            cells.set(Math.floorMod(c, cells.size()), value);
        }
    }

    public record Mutation(String description, Consumer<Csv> action) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Arbitrary<Mutation> mutation() {
        Arbitrary<Integer> r = Arbitraries.integers().between(0, 1_000_000);
        Arbitrary<Integer> col = Arbitraries.integers().between(0, 5);
        Arbitrary<String> badCells = Arbitraries.oneOf(HostileJson.strings(), Arbitraries.of("", " ", "NaN", "-inf",
                "Infinity", "1e999", "-1e999", "1e-999", "1,5", "1.2.3", "12%", "$5", "1_000", "0x1F", "٣", "１２",
                "\"12\"", "\"1,5\"", "\"unclosed", "12\"", "\"a\"\"b\"", "\"two\nlines\"", "9".repeat(400),
                "1e" + "9".repeat(30), "." , "-", "+.5", "5.", "1E5", "\u00A012"));
        List<Arbitrary<Mutation>> all = List.of(
                r.map(seed -> new Mutation("shuffle columns " + seed, c -> {
                    int n = c.header().size();
                    List<Integer> order = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        order.add(i);
                    }
                    Collections.shuffle(order, new Random(seed));
                    for (List<String> row : c.rows) {
                        if (row.size() == n) {
                            List<String> copy = new ArrayList<>(row);
                            for (int i = 0; i < n; i++) {
                                row.set(i, copy.get(order.get(i)));
                            }
                        }
                    }
                })),
                Combinators.combine(r, col).as((row, c) -> new Mutation("drop cell " + c + " of row #" + row, csv -> {
                    int i = csv.pickRow(row, false);
                    if (i >= 0 && !csv.rows.get(i).isEmpty()) {
                        csv.rows.get(i).remove(Math.floorMod(c, csv.rows.get(i).size()));
                    }
                })),
                col.map(c -> new Mutation("drop column " + c, csv -> {
                    for (List<String> row : csv.rows) {
                        if (!row.isEmpty()) {
                            row.remove(Math.min(c, row.size() - 1));
                        }
                    }
                })),
                Combinators.combine(r, badCells).as((row, v) -> new Mutation("extra cell '" + Abbrev.of(v) + "' in row #"
                        + row, csv -> {
                    int i = csv.pickRow(row, false);
                    if (i >= 0) {
                        csv.rows.get(i).add(v);
                    }
                })),
                Arbitraries.of("z", "", "y", "time", "\uFEFFw", "\"q\"", "x y").map(name -> new Mutation("extra column '"
                        + name + "'", csv -> {
                    csv.header().add(name);
                    for (int i = 1; i < csv.rows.size(); i++) {
                        csv.rows.get(i).add(Integer.toString(i));
                    }
                })),
                Combinators.combine(r, col, badCells).as((row, c, v) -> new Mutation("cell " + c + " of row #" + row
                        + " = '" + Abbrev.of(v) + "'", csv -> csv.setCell(row, c, v))),
                Combinators.combine(col, badCells).as((c, v) -> new Mutation("header cell " + c + " = '"
                        + Abbrev.of(v) + "'", csv -> {
                    if (!csv.header().isEmpty()) {
                        csv.header().set(Math.floorMod(c, csv.header().size()), v);
                    }
                })),
                Combinators.combine(r, Arbitraries.of("", " ", "\t", ",", ",,")).as((row, v) -> new Mutation(
                        "blank line '" + v + "' before row #" + row, csv -> {
                    int i = csv.pickRow(row, false);
                    csv.rows.add(Math.max(0, i), new ArrayList<>(List.of(v)));
                })),
                Arbitraries.of("\uFEFF", "\uFEFF\uFEFF", "\n\n", " ", "\"").map(p -> new Mutation("prefix '"
                        + Abbrev.of(p) + "'", csv -> csv.prefix = p)),
                Arbitraries.of("\n\n\n", ",", "\"", "\u0000", "\r").map(s -> new Mutation("suffix '" + Abbrev.of(s)
                        + "'", csv -> csv.suffix = s)),
                Arbitraries.of("\r\n", "\r", "\n\r", "\u2028", ";").map(le -> new Mutation("line end '"
                        + Abbrev.of(le) + "'", csv -> csv.lineEnd = le)),
                Combinators.combine(r, col, Arbitraries.of(10_000, 1_000_000)).as((row, c, n) -> new Mutation(
                        "enormous cell (" + n + ") at " + c + " of row #" + row, csv -> csv.setCell(row, c,
                        "7".repeat(n)))),
                Combinators.combine(r, col).as((row, c) -> new Mutation("enormous text cell at " + c + " of row #"
                        + row, csv -> csv.setCell(row, c, "\"" + "a,\n\"\"".repeat(50_000) + "\""))),
                Combinators.combine(r, r).as((a, b) -> new Mutation("swap rows #" + a + " and #" + b, csv -> {
                    int i = csv.pickRow(a, true);
                    int j = csv.pickRow(b, true);
                    if (i > 0 && j > 0) {
                        Collections.swap(csv.rows, i, j);
                    }
                })),
                Combinators.combine(r, r).as((a, b) -> new Mutation("row #" + b + " repeats the time of row #" + a,
                        csv -> {
                    int i = csv.pickRow(a, true);
                    int j = csv.pickRow(b, true);
                    if (i > 0 && j > 0 && !csv.rows.get(i).isEmpty() && !csv.rows.get(j).isEmpty()) {
                        csv.rows.get(j).set(0, csv.rows.get(i).get(0));
                    }
                })),
                r.map(row -> new Mutation("duplicate row #" + row, csv -> {
                    int i = csv.pickRow(row, true);
                    if (i > 0) {
                        csv.rows.add(i, new ArrayList<>(csv.rows.get(i)));
                    }
                })),
                Arbitraries.integers().between(0, 3).map(keep -> new Mutation("keep " + keep + " data rows", csv -> {
                    while (csv.rows.size() > keep + 1) {
                        csv.rows.remove(csv.rows.size() - 1);
                    }
                })),
                Arbitraries.of(101, 150, 1_000).map(n -> new Mutation(n + " columns", csv -> {
                    for (int k = 0; k < csv.rows.size(); k++) {
                        List<String> row = csv.rows.get(k);
                        while (row.size() < n) {
                            row.add(k == 0 ? "c" + row.size() : "1");
                        }
                    }
                })),
                // at most 1000 columns x 5000 rows: about 10 MB, under the default upload limit
                Arbitraries.of(2_000, 5_000).map(n -> new Mutation(n + " rows", csv -> {
                    for (int k = csv.rows.size(); k <= n; k++) {
                        // as wide as the last row (3 when an earlier mutation removed every row), with short cells: a
                        // copy of the last row would repeat an enormous cell thousands of times (a jqwik run drew
                        // that: gigabytes, and the JVM ran out of heap)
                        int width = csv.rows.isEmpty() ? 3 : Math.max(1, csv.rows.get(csv.rows.size() - 1).size());
                        List<String> row = new ArrayList<>(List.of("t" + k));
                        while (row.size() < width) {
                            row.add("1");
                        }
                        csv.rows.add(row);
                    }
                })),
                Arbitraries.integers().between(0, 2_000).map(at -> new Mutation("truncate at " + at,
                        csv -> csv.truncateAt = at)),
                col.map(c -> new Mutation("drop header name " + c, csv -> {
                    if (!csv.header().isEmpty()) {
                        csv.header().set(Math.floorMod(c, csv.header().size()), "");
                    }
                })),
                Arbitraries.of(1, 2).map(k -> new Mutation("duplicate header name", csv -> {
                    List<String> h = csv.header();
                    if (h.size() > k) {
                        h.set(k, h.get(0));
                    }
                })),
                Arbitraries.just(new Mutation("no header", csv -> {
                    if (!csv.rows.isEmpty()) {
                        csv.rows.remove(0);
                    }
                })));
        return Arbitraries.oneOf(all);
    }
}
