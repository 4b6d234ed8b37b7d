package com.lstmautoml.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.data.CsvParser;
import com.lstmautoml.core.data.Preprocessing;
import com.lstmautoml.core.data.Table;
import com.lstmautoml.core.export.ModelArchive;
import com.lstmautoml.core.forecast.ForecastPoints;
import com.lstmautoml.core.forecast.RecursiveForecaster;
import com.lstmautoml.core.forecast.TimeLabels;
import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code java -jar worker.jar forecast --model <export.zip> --history <csv> --horizon <h> [--levels 80,95]
 * [--future <csv>]}: a forecast offline, from a version exported by the service ({@link ModelArchive}), with no
 * database and no service. It prints JSON of the service's answer shape ({@link ApiDtos.ForecastAnswer}) built by the
 * same core code as the service (restored network, {@link RecursiveForecaster}, {@link TimeLabels},
 * {@link ForecastPoints} with the exported calibration), so given the series the service forecasts after, it prints
 * the service's numbers.
 *
 * <p>The history CSV has the time column first, then at least the model's input columns (any order; other columns are
 * ignored); the forecast continues after its last row. A model with extra input columns needs {@code --future}: a CSV
 * of the same form with exactly {@code horizon} rows of those columns' future values.
 *
 * <p>Exit status: 0 with the JSON on stdout, 2 for bad arguments or input files (a message on stderr, no stack
 * trace), 1 for an unexpected failure.
 */
public final class ForecastCommand {

    /** The command's name, the first argument of the worker jar. */
    public static final String NAME = "forecast";
    /** Longest horizon: the service's default {@code automl.limits.max-horizon}. */
    public static final int MAX_HORIZON = 1000;
    /** Most interval levels, as the service allows. */
    public static final int MAX_LEVELS = 20;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ForecastCommand() {
    }

    /** A user error: the message says what to give instead. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** The parsed command line. */
    record Options(Path model, Path history, int horizon, List<Double> levels, Path future, boolean help) {
    }

    private enum Flag {
        MODEL("--model", "FILE", "the zip exported by GET /api/models/{name}/versions/{v}/export (required)"),
        HISTORY("--history", "FILE", "CSV: the time column first, then the model's input columns; the forecast"
                + " continues after its last row (required)"),
        HORIZON("--horizon", "N", "steps ahead, 1 to " + MAX_HORIZON + " (required)"),
        LEVELS("--levels", "L1,L2", "interval levels in percent, above 0 and below 100 (default 80,95)"),
        FUTURE("--future", "FILE", "CSV of the future values of the model's extra input columns, one row per"
                + " step (only for models with extra input columns)");

        final String flag;
        final String arg;
        final String description;

        Flag(String flag, String arg, String description) {
            this.flag = flag;
            this.arg = arg;
            this.description = description;
        }
    }

    /** The command's help text. */
    public static String usage() {
        StringBuilder sb = new StringBuilder();
        sb.append("Usage: java -jar worker.jar forecast --model export.zip --history history.csv --horizon H\n")
                .append("                                   [--levels 80,95] [--future future.csv]\n\n")
                .append("Forecasts offline with an exported model version (no database, no service) and prints\n")
                .append("JSON like the service's forecast answer: model, version, servedBy and per step its time,\n")
                .append("mean, lower/upper bounds per level (null where the calibration has too few errors) and\n")
                .append("calibrationErrors. Given the series the service forecasts after, the numbers are the\n")
                .append("service's.\n\nOptions:\n");
        for (Flag f : Flag.values()) {
            sb.append(String.format(Locale.ROOT, "  %-20s %s%n", f.flag + " " + f.arg, f.description));
        }
        sb.append(String.format(Locale.ROOT, "  %-20s %s%n", "--help", "print this help"));
        sb.append("\nExit status: 0 forecast printed, 2 bad arguments or input files, 1 unexpected failure.\n");
        return sb.toString();
    }

    /**
     * Runs the command: the JSON on {@code out}, messages on {@code err}.
     *
     * @param args the arguments after {@value #NAME}
     * @return the exit status
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            Options o = parse(args);
            if (o.help()) {
                out.print(usage());
                return 0;
            }
            ApiDtos.ForecastAnswer answer = forecast(o);
            out.println(JSON.writeValueAsString(answer));
            out.flush();
            return 0;
        } catch (UsageException e) {
            err.println("worker forecast: " + e.getMessage());
            err.println("Run 'java -jar worker.jar forecast --help' for the options.");
            return 2;
        } catch (JsonProcessingException | RuntimeException e) {
            err.println("worker forecast: failed unexpectedly: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    /** Reads the flags ({@code --name value} or {@code --name=value}); checks that given files exist. */
    static Options parse(List<String> args) throws UsageException {
        Map<Flag, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                return new Options(null, null, 0, List.of(), null, true);
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            Flag flag = null;
            for (Flag f : Flag.values()) {
                if (f.flag.equals(name)) {
                    flag = f;
                }
            }
            if (flag == null) {
                throw new UsageException("unknown option '" + FieldError.excerpt(arg) + "'");
            }
            if (value == null) {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw new UsageException(flag.flag + " needs a value: " + flag.flag + " " + flag.arg + " ("
                            + flag.description + ")");
                }
                value = args.get(++i);
            }
            if (value.isBlank()) {
                throw new UsageException(flag.flag + " needs a value: " + flag.flag + " " + flag.arg);
            }
            if (given.put(flag, value.trim()) != null) {
                throw new UsageException(flag.flag + " was given twice");
            }
        }
        for (Flag required : List.of(Flag.MODEL, Flag.HISTORY, Flag.HORIZON)) {
            if (!given.containsKey(required)) {
                throw new UsageException(required.flag + " is required: " + required.flag + " " + required.arg + " ("
                        + required.description + ")");
            }
        }
        return new Options(file(Flag.MODEL, given.get(Flag.MODEL)), file(Flag.HISTORY, given.get(Flag.HISTORY)),
                horizon(given.get(Flag.HORIZON)), levels(given.get(Flag.LEVELS)),
                given.containsKey(Flag.FUTURE) ? file(Flag.FUTURE, given.get(Flag.FUTURE)) : null, false);
    }

    private static Path file(Flag flag, String value) throws UsageException {
        Path p = Path.of(value);
        if (!Files.exists(p)) {
            throw new UsageException(flag.flag + ": no file '" + FieldError.excerpt(value) + "'");
        }
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new UsageException(flag.flag + ": '" + FieldError.excerpt(value) + "' is not a readable file");
        }
        return p;
    }

    private static int horizon(String value) throws UsageException {
        try {
            int h = Integer.parseInt(value);
            if (h >= 1 && h <= MAX_HORIZON) {
                return h;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new UsageException("--horizon must be a whole number of steps from 1 to " + MAX_HORIZON + ", got '"
                + FieldError.excerpt(value) + "'");
    }

    private static List<Double> levels(String value) throws UsageException {
        if (value == null) {
            return ForecastPoints.DEFAULT_LEVELS;
        }
        String[] parts = value.split(",", -1);
        if (parts.length > MAX_LEVELS) {
            throw new UsageException("--levels: at most " + MAX_LEVELS + " levels, got " + parts.length);
        }
        List<Double> out = new ArrayList<>(parts.length);
        for (String part : parts) {
            double level;
            try {
                level = Double.parseDouble(part.trim());
            } catch (NumberFormatException e) {
                level = Double.NaN;
            }
            if (!(level > 0 && level < 100)) {
                throw new UsageException("--levels must be percentages above 0 and below 100 separated by commas"
                        + " (e.g. 80,95), got '" + FieldError.excerpt(part.trim()) + "'");
            }
            out.add(level);
        }
        return out;
    }

    /** The forecast of a parsed command line. */
    static ApiDtos.ForecastAnswer forecast(Options o) throws UsageException {
        ModelArchive.Contents archive;
        try (InputStream in = Files.newInputStream(o.model())) {
            archive = ModelArchive.read(in);
        } catch (ModelArchive.FormatException e) {
            throw new UsageException("--model " + o.model() + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UsageException("--model " + o.model() + ": cannot read it: " + e.getMessage());
        }
        Preprocessing prep = archive.preprocessing();
        List<String> features = RecursiveForecaster.features(prep);
        Table history = csv(Flag.HISTORY, o.history(), prep.inputColumns());
        int min = RecursiveForecaster.minHistory(prep);
        if (history.rows() < min) {
            throw new UsageException("--history " + o.history() + " has " + history.rows() + " rows; the model needs"
                    + " at least " + min + " (look-back " + prep.lookBack() + " + difference " + prep.difference()
                    + ")");
        }
        Map<String, double[]> future = Map.of();
        if (features.isEmpty()) {
            if (o.future() != null) {
                throw new UsageException("--future: the model has no extra input columns (its only input is "
                        + prep.target() + "); leave --future out");
            }
        } else {
            if (o.future() == null) {
                throw new UsageException("--future is required: the model's extra input columns " + features
                        + " need their values for each of the " + o.horizon() + " steps (a CSV: time column, then "
                        + String.join(", ", features) + ")");
            }
            Table f = csv(Flag.FUTURE, o.future(), features);
            if (f.rows() != o.horizon()) {
                throw new UsageException("--future " + o.future() + " has " + f.rows() + " rows; give one per step:"
                        + " " + o.horizon() + " (the horizon)");
            }
            Map<String, double[]> values = new LinkedHashMap<>();
            features.forEach(c -> values.put(c, f.column(c)));
            future = values;
        }
        double[] mean = RecursiveForecaster.forecast(archive.net(), prep, history, future, o.horizon());
        return new ApiDtos.ForecastAnswer(archive.card().model(), archive.card().version(), archive.card().servedBy(),
                ForecastPoints.of(mean, archive.calibration(), o.levels(), TimeLabels.next(history.times(),
                        o.horizon())));
    }

    /** A CSV file parsed as the service parses uploads (time column first), with every one of {@code columns}. */
    private static Table csv(Flag flag, Path file, List<String> columns) throws UsageException {
        Table t;
        try {
            t = new CsvParser().parse(CsvParser.decodeUtf8(Files.readAllBytes(file), flag.flag));
        } catch (IOException e) {
            throw new UsageException(flag.flag + " " + file + ": cannot read it: " + e.getMessage());
        } catch (ValidationException e) {
            StringBuilder sb = new StringBuilder(flag.flag + " " + file + " is not a usable CSV:");
            for (FieldError fe : e.errors()) {
                sb.append("\n  ").append(fe.field()).append(": ").append(fe.message());
            }
            throw new UsageException(sb.toString());
        }
        List<String> missing = columns.stream().filter(c -> !t.columns().containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new UsageException(flag.flag + " " + file + " lacks the model's column(s) " + missing + "; its"
                    + " columns after the time column '" + t.timeColumn() + "' are " + t.columns().keySet()
                    + " (names are case-sensitive)");
        }
        return t;
    }
}
