package com.lstmautoml.core.forecast;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lstmautoml.core.data.ChronoSplit;
import com.lstmautoml.core.data.Preprocessing;
import com.lstmautoml.core.data.Table;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Split-conformal intervals per horizon step: the absolute errors of recursive forecasts from every origin of a
 * calibration slice (the validation rows), kept per step; the level-α band at step {@code k} is the forecast ± the
 * {@code ⌈(n+1)α⌉}-th smallest of the {@code n} errors of step {@code k}, and there is none when that rank exceeds
 * {@code n}.
 *
 * @param errors per step {@code k = 1..h} (index {@code k - 1}), the sorted absolute errors
 */
public record Conformal(List<double[]> errors) {

    /** Version of {@link #toJson()}. */
    public static final int JSON_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    public Conformal {
        errors = List.copyOf(errors);
    }

    /**
     * The calibration as JSON, for a model exported to run offline: {@code {"version":1,"method":"split-conformal",
     * "steps":h,"errors":[[step 1's sorted errors],[step 2's],...]}}. Numbers are written as Java's shortest exact
     * decimal ({@link Double#toString}), so {@link #fromJson} gives back the very same doubles and offline bands equal
     * the service's to the last bit.
     */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", JSON_VERSION);
        root.put("method", "split-conformal");
        root.put("steps", errors.size());
        ArrayNode steps = root.putArray("errors");
        for (double[] step : errors) {
            ArrayNode a = steps.addArray();
            for (double e : step) {
                a.add(e);
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads {@link #toJson()}.
     *
     * @throws IllegalArgumentException when the text is not such JSON, or an error is negative or not a number
     */
    public static Conformal fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not calibration JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode steps = root == null ? null : root.get("errors");
        if (steps == null || !steps.isArray()) {
            throw new IllegalArgumentException("not calibration JSON: no \"errors\" list of steps");
        }
        List<double[]> out = new ArrayList<>(steps.size());
        for (int k = 0; k < steps.size(); k++) {
            JsonNode step = steps.get(k);
            if (!step.isArray()) {
                throw new IllegalArgumentException("calibration step " + (k + 1) + " is not a list of errors");
            }
            double[] a = new double[step.size()];
            for (int i = 0; i < a.length; i++) {
                JsonNode e = step.get(i);
                if (!e.isNumber() || !(e.asDouble() >= 0) || !Double.isFinite(e.asDouble())) {
                    throw new IllegalArgumentException("calibration step " + (k + 1) + " error " + (i + 1)
                            + " must be a finite number >= 0, got " + e);
                }
                a[i] = e.asDouble();
            }
            Arrays.sort(a); // written sorted; sorting again keeps quantile()'s precondition for hand-made files
            out.add(a);
        }
        return new Conformal(out);
    }

    /**
     * Calibrates on {@code table}: every row {@code o} of {@code origins} (with a full window) is an origin, the
     * history is rows {@code [0, o)}, and the errors of step {@code k} are those whose actual row
     * {@code o + k - 1} lies before {@code actualsEnd} (features there are the table's actual values). The forecasts
     * are {@link RecursiveForecaster#fromOrigins}', one batched network call per step.
     */
    public static Conformal calibrate(MultiLayerNetwork net, Preprocessing prep, Table table,
                                      ChronoSplit.Range origins, int actualsEnd, int horizon) {
        double[][] forecasts = RecursiveForecaster.fromOrigins(net, prep, table, origins, horizon, actualsEnd);
        return ofForecasts(table.column(prep.target()), origins.from(), forecasts, horizon);
    }

    /**
     * The sorted absolute errors per step of forecasts made at the origins {@code firstOrigin + i} against the
     * actual series {@code y}: element {@code i} of {@code forecasts} holds the origin's steps {@code 1, 2, ...}
     * (as many as it has, at most {@code horizon}; none for an origin without forecasts).
     */
    public static Conformal ofForecasts(double[] y, int firstOrigin, double[][] forecasts, int horizon) {
        double[][] perStep = new double[horizon][forecasts.length];
        int[] counts = new int[horizon];
        for (int i = 0; i < forecasts.length; i++) {
            int o = firstOrigin + i;
            if (forecasts[i].length > horizon) {
                throw new IllegalArgumentException("origin " + o + " has " + forecasts[i].length
                        + " steps, more than the horizon " + horizon);
            }
            for (int k = 0; k < forecasts[i].length; k++) {
                perStep[k][counts[k]++] = Math.abs(y[o + k] - forecasts[i][k]);
            }
        }
        List<double[]> sorted = new ArrayList<>(horizon);
        for (int k = 0; k < horizon; k++) {
            double[] a = Arrays.copyOf(perStep[k], counts[k]);
            Arrays.sort(a);
            sorted.add(a);
        }
        return new Conformal(sorted);
    }

    /** How many errors step {@code step} (1-based) has. */
    public int count(int step) {
        return errors.get(step - 1).length;
    }

    /** The half-width of the level-{@code alpha} band at {@code step} (1-based); empty when too few errors. */
    public OptionalDouble halfWidth(int step, double alpha) {
        return quantile(errors.get(step - 1), alpha);
    }

    /**
     * The {@code ⌈(n+1)α⌉}-th smallest of {@code n} sorted errors, empty when that rank exceeds {@code n}. The rank
     * is computed with a tolerance of 1e-9 so that e.g. {@code (9+1)·0.8} is 8, not 9 by rounding.
     *
     * @param sortedErrors ascending
     * @param alpha        in (0, 1)
     */
    public static OptionalDouble quantile(double[] sortedErrors, double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        int n = sortedErrors.length;
        int rank = (int) Math.ceil((n + 1) * alpha - 1e-9);
        if (rank < 1) {
            rank = 1;
        }
        return rank > n ? OptionalDouble.empty() : OptionalDouble.of(sortedErrors[rank - 1]);
    }
}
