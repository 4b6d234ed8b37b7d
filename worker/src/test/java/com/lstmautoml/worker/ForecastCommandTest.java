package com.lstmautoml.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.data.ChronoSplit;
import com.lstmautoml.core.data.Preprocessing;
import com.lstmautoml.core.data.Table;
import com.lstmautoml.core.export.HalfPrecisionCopy;
import com.lstmautoml.core.export.ModelArchive;
import com.lstmautoml.core.export.ModelCard;
import com.lstmautoml.core.forecast.Conformal;
import com.lstmautoml.core.forecast.RecursiveForecaster;
import com.lstmautoml.core.training.EpochVerdict;
import com.lstmautoml.core.training.LstmTrainer;
import com.lstmautoml.core.training.LstmNetwork;
import com.lstmautoml.core.training.OneStepForecasts;
import com.lstmautoml.core.data.SplitFractions;
import com.lstmautoml.core.training.TrainingJob;
import com.lstmautoml.core.training.TrainingResult;
import com.lstmautoml.core.trial.TrialParams;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code worker forecast}: every user error is exit status 2 with a message naming the option or file and no stack
 * trace; a forecast prints the service's answer shape with numbers checked against the core computation done by hand.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForecastCommandTest {

    static final int ROWS = 60;
    static final long SEED = 42;
    static final TrialParams TINY = new TrialParams(4, 1, 3, 0.0, 16, 0.01, "none", 1, "minmax");

    @TempDir
    Path dir;

    Table table;
    /** y with the extra input x */
    Path withFeature;
    Path univariate;
    MultiLayerNetwork net;
    Preprocessing prep;
    Conformal calibration;

    record Run(int status, String out, String err) {
    }

    @BeforeAll
    void exportTwoTinyModels(@TempDir Path models) throws Exception {
        table = series();
        withFeature = models.resolve("with-feature.zip");
        Files.write(withFeature, tinyExport(table, List.of("x"), "m", 2));
        ModelArchive.Contents restored = ModelArchive.read(Files.readAllBytes(withFeature));
        net = restored.net();
        prep = restored.preprocessing();
        calibration = restored.calibration();
        univariate = models.resolve("univariate.zip");
        Files.write(univariate, tinyExport(table, List.of(), "u", 1));
    }

    /**
     * A tiny model of {@code table}'s {@code y} (with {@code features}) trained for 3 epochs and exported as the
     * service would: calibrated on the validation rows, with its fp16 copy and a card naming it.
     */
    static byte[] tinyExport(Table table, List<String> features, String name, int version) {
        TrainingJob job = new TrainingJob(table, "y", features, TINY, LstmNetwork.configurationJson(1 + features.size(),
                TINY, SEED), SplitFractions.DEFAULT, 3, 1, 100, SEED);
        TrainingResult r = new LstmTrainer().train(job, (epoch, train, val, rmse) -> EpochVerdict.CONTINUE);
        Preprocessing p = Preprocessing.fromJson(r.preprocessingJson());
        MultiLayerNetwork n = OneStepForecasts.restore(r.modelZip());
        ChronoSplit.Range validation = p.rows().validation();
        Conformal c = Conformal.calibrate(n, p, table, validation, validation.to(), validation.size());
        HalfPrecisionCopy half = HalfPrecisionCopy.of(n, p, table, p.rows().test());
        ModelCard card = new ModelCard(ModelCard.FORMAT, name, version, ApiDtos.SERVING_TRIAL, 1, 2, null, null,
                null, null, "tester", "2026-01-01T00:00:00Z", null);
        return ModelArchive.write(card, r.modelZip(), p, c, half.modelZip());
    }

    /** {@code y} with a season and a trend, {@code x} a feature that leads it; monthly labels from 2000-01. */
    static Table series() {
        double[] y = new double[ROWS];
        double[] x = new double[ROWS];
        List<String> months = new ArrayList<>();
        for (int t = 0; t < ROWS; t++) {
            y[t] = 10 + 5 * Math.sin(2 * Math.PI * t / 12) + 0.1 * t;
            x[t] = Math.cos(2 * Math.PI * t / 12);
            months.add(String.format("%d-%02d", 2000 + t / 12, 1 + t % 12));
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("y", y);
        cols.put("x", x);
        return new Table("month", months, cols);
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ForecastCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Rows {@code [from, to)} of the table's {@code columns} as CSV, numbers as Double.toString writes them. */
    private Path csv(String name, int from, int to, List<String> columns) throws Exception {
        StringBuilder sb = new StringBuilder("month");
        columns.forEach(c -> sb.append(',').append(c));
        sb.append('\n');
        for (int r = from; r < to; r++) {
            sb.append(table.times().get(r));
            for (String c : columns) {
                sb.append(',').append(table.column(c)[r]);
            }
            sb.append('\n');
        }
        Path p = dir.resolve(name);
        Files.writeString(p, sb.toString(), StandardCharsets.UTF_8);
        return p;
    }

    /** A user error: status 2, the message on stderr, nothing on stdout, no stack trace. */
    private static void userError(Run r, String... message) {
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("worker forecast: ").contains(message).contains("--help")
                .doesNotContain("\tat ", "Exception");
    }

    @Test
    void badArgumentsAreRefusedWithStatus2NamingTheOption() throws Exception {
        String model = withFeature.toString();
        String history = csv("h.csv", 0, 50, List.of("y", "x")).toString();
        // each required option, named with what to give
        userError(run(), "--model is required");
        userError(run("--model", model, "--horizon", "3"), "--history is required");
        userError(run("--model", model, "--history", history), "--horizon is required");
        // horizons outside 1..1000 or not whole numbers
        for (String h : List.of("0", "-1", "1001", "x", "2.5")) {
            userError(run("--model", model, "--history", history, "--horizon", h), "--horizon must be a whole number",
                    "1 to 1000", "'" + h + "'");
        }
        // levels outside (0, 100) or not numbers
        for (String l : List.of("0", "80,100", "abc", "80,,95")) {
            userError(run("--model", model, "--history", history, "--horizon", "2", "--levels", l), "--levels");
        }
        userError(run("--model", model, "--history", history, "--horizon", "2", "--bogus", "1"),
                "unknown option '--bogus'");
        userError(run("--model", model, "--history", history, "--horizon"), "--horizon needs a value");
        userError(run("--model", model, "--model", model, "--history", history, "--horizon", "2"), "given twice");
    }

    @Test
    void missingOrWrongFilesAreRefusedNamingTheFile() throws Exception {
        Path history = csv("h.csv", 0, 50, List.of("y", "x"));
        Path future = csv("f.csv", 50, 52, List.of("x"));
        // no such files
        userError(run("--model", dir.resolve("nope.zip").toString(), "--history", history.toString(), "--horizon",
                "2"), "--model: no file", "nope.zip");
        userError(run("--model", withFeature.toString(), "--history", dir.resolve("nope.csv").toString(),
                "--horizon", "2"), "--history: no file");
        userError(run("--model", withFeature.toString(), "--history", history.toString(), "--horizon", "2",
                "--future", dir.toString()), "--future", "is not a readable file");
        // the CSV given as the model
        userError(run("--model", history.toString(), "--history", history.toString(), "--horizon", "2",
                "--future", future.toString()), "--model", "not an exported model");
        // a history without the model's extra input column x
        userError(run("--model", withFeature.toString(), "--history", csv("y.csv", 0, 50, List.of("y")).toString(),
                "--horizon", "2", "--future", future.toString()), "--history", "lacks the model's column(s) [x]");
        // a value that is not a number: the row and column, as the upload's parser reports them
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "month,y,x\n2000-01,1.0,2.0\n2000-02,many,2.0\n");
        userError(run("--model", withFeature.toString(), "--history", bad.toString(), "--horizon", "2",
                "--future", future.toString()), "--history", "row 3, column y", "'many' is not a number");
        // too short a history: look-back 3 + difference 1
        userError(run("--model", withFeature.toString(), "--history", csv("short.csv", 0, 3, List.of("y", "x"))
                .toString(), "--horizon", "2", "--future", future.toString()), "has 3 rows", "at least 4");
        // the extra input column's future: required, one row per step
        userError(run("--model", withFeature.toString(), "--history", history.toString(), "--horizon", "2"),
                "--future is required", "[x]");
        userError(run("--model", withFeature.toString(), "--history", history.toString(), "--horizon", "3",
                "--future", future.toString()), "--future", "has 2 rows", "3 (the horizon)");
        // and refused for a model without extra inputs
        userError(run("--model", univariate.toString(), "--history", history.toString(), "--horizon", "2",
                "--future", future.toString()), "--future: the model has no extra input columns");
    }

    @Test
    void helpPrintsTheOptionsWithStatus0() {
        Run r = run("--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("Usage: java -jar worker.jar forecast").contains("--model FILE",
                "--history FILE", "--horizon N", "--levels", "--future FILE");
        // the worker's own help points at the command
        assertThat(WorkerOptions.usage()).contains("java -jar worker.jar forecast");
    }

    @Test
    void aForecastPrintsTheServiceShapeWithTheCoreNumbers() throws Exception {
        int origin = 50;
        int h = 6;
        Path history = csv("h.csv", 0, origin, List.of("x", "y")); // column order does not matter
        Path future = csv("f.csv", origin, origin + h, List.of("x"));
        Run r = run("--model", withFeature.toString(), "--history", history.toString(), "--horizon", "" + h,
                "--levels", "50,90", "--future", future.toString());
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode answer = new ObjectMapper().readTree(r.out());
        // the card's model, version and served model
        assertThat(answer.get("model").asText()).isEqualTo("m");
        assertThat(answer.get("version").asInt()).isEqualTo(2);
        assertThat(answer.get("servedBy").asText()).isEqualTo("trial");
        // independently: the recursive forecast from the first 50 rows with x's actual future values
        Map<String, double[]> cols = new LinkedHashMap<>();
        table.columns().forEach((c, v) -> cols.put(c, Arrays.copyOf(v, origin)));
        double[] mean = RecursiveForecaster.forecast(net, prep, new Table("month", table.times().subList(0, origin),
                cols), Map.of("x", Arrays.copyOfRange(table.column("x"), origin, origin + h)), h);
        JsonNode rows = answer.get("forecast");
        assertThat(rows).hasSize(h);
        for (int k = 0; k < h; k++) {
            JsonNode row = rows.get(k);
            // the months continue after 2004-02
            assertThat(row.get("time").asText()).isEqualTo(table.times().get(origin + k));
            assertThat(row.get("mean").asDouble()).isEqualTo(mean[k]);
            double[] errors = k < calibration.errors().size() ? calibration.errors().get(k) : new double[0];
            assertThat(row.get("calibrationErrors").asInt()).isEqualTo(errors.length);
            for (double level : new double[]{50, 90}) {
                String key = level == 50 ? "50" : "90";
                int rank = (int) Math.ceil((errors.length + 1) * level / 100 - 1e-9);
                if (rank > errors.length || errors.length == 0) {
                    assertThat(row.get("lower").get(key).isNull()).isTrue();
                    assertThat(row.get("upper").get(key).isNull()).isTrue();
                } else {
                    assertThat(row.get("lower").get(key).asDouble()).isEqualTo(mean[k] - errors[rank - 1]);
                    assertThat(row.get("upper").get(key).asDouble()).isEqualTo(mean[k] + errors[rank - 1]);
                }
            }
        }
        // at least one band was there to check
        assertThat(rows.get(0).get("lower").get("50").isNull()).isFalse();
    }
}
