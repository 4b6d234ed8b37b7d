package com.lstmautoml.core.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fitted data preparation of one trial, enough to serve forecasts with its model: input columns in model order
 * (target first), the look-back, the split, the value transform, the differencing lag, and one scaler per input
 * column fitted on the training slice only.
 *
 * <p>Per input column, in order: {@code z = transform(x)} (none or natural log); {@code d[t] = z[t] - z[t - lag]}
 * for {@code t >= lag} (with lag 0, {@code d = z}; rows {@code t < lag} have no differenced value, NaN); then the
 * column's scaler, fitted on {@code d} over the training rows {@code [lag, trainEnd)} only. A window's inputs must
 * all have a differenced value, so the first target row is {@link #firstTargetRow()} = {@code lookBack + lag}.
 * The model's input is {@code [batch, inputColumns.size(), lookBack]} (DL4J NCW) of scaled values; its output at the
 * last time step is the scaled next (differenced, transformed) target, which {@link #invertTarget} turns back into
 * original units one step ahead: {@code y_hat[t] = inverseTransform(transform(y[t - lag]) + unscale(out))} using the
 * ACTUAL previous raw value (lag 0: {@code inverseTransform(unscale(out))}).
 *
 * <p>JSON ({@link #toJson()}), version 2 (version 1 lacks transform and difference: none and 0):
 * <pre>{"version":2,"target":"Passengers","inputColumns":["Passengers"],"lookBack":3,
 *  "split":{"train":0.7,"validation":0.15},"rows":{"total":144,"train":100,"validation":21,"test":23},
 *  "inputLayout":"NCW","transform":"log","difference":12,
 *  "scalers":{"Passengers":{"type":"minmax","min":-0.02,"max":0.29}}}</pre>
 */
public record Preprocessing(String target, List<String> inputColumns, int lookBack, SplitFractions split,
                            ChronoSplit rows, Transform transform, int difference, Map<String, Scaler> scalers) {

    public static final int VERSION = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    public Preprocessing {
        inputColumns = List.copyOf(inputColumns);
        scalers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scalers));
        java.util.Objects.requireNonNull(transform, "transform");
        if (inputColumns.isEmpty() || !inputColumns.get(0).equals(target)) {
            throw new IllegalArgumentException("the target must be the first input column: " + inputColumns);
        }
        if (!scalers.keySet().containsAll(inputColumns)) {
            throw new IllegalArgumentException("need a scaler for each of " + inputColumns + ", got " + scalers.keySet());
        }
        if (difference < 0) {
            throw new IllegalArgumentException("difference must be >= 0, got " + difference);
        }
    }

    /** No transform, no differencing (version 1). */
    public Preprocessing(String target, List<String> inputColumns, int lookBack, SplitFractions split,
                         ChronoSplit rows, Map<String, Scaler> scalers) {
        this(target, inputColumns, lookBack, split, rows, Transform.NONE, 0, scalers);
    }

    /** Fits one scaler of {@code type} per input column on the training slice of {@code table}; no transform. */
    public static Preprocessing fit(Table table, List<String> inputColumns, int lookBack, SplitFractions split,
                                    ScalerType type) {
        return fit(table, inputColumns, lookBack, split, Transform.NONE, 0, type);
    }

    /**
     * Transforms and differences every input column, then fits one scaler of {@code type} per column on the
     * training rows {@code [difference, trainEnd)} of the differenced values only.
     */
    public static Preprocessing fit(Table table, List<String> inputColumns, int lookBack, SplitFractions split,
                                    Transform transform, int difference, ScalerType type) {
        return fit(table, inputColumns, lookBack, split, ChronoSplit.of(table.rows(), split), transform, difference,
                type);
    }

    /**
     * As {@link #fit(Table, List, int, SplitFractions, Transform, int, ScalerType)} with the slices given as rows: a
     * refit's {@code rows} train on the experiment's training and validation rows ({@code trainEnd = validationEnd},
     * no validation rows) and keep its test rows, while {@code split} stays the experiment's fractions.
     */
    public static Preprocessing fit(Table table, List<String> inputColumns, int lookBack, SplitFractions split,
                                    ChronoSplit s, Transform transform, int difference, ScalerType type) {
        if (s.rows() != table.rows()) {
            throw new IllegalArgumentException("the split has " + s.rows() + " rows, the table " + table.rows());
        }
        if (difference >= s.train().to()) {
            throw new IllegalArgumentException("difference " + difference + " leaves no training rows of the "
                    + s.train().size());
        }
        Map<String, Scaler> scalers = new LinkedHashMap<>();
        for (String c : inputColumns) {
            double[] d = stationary(table.column(c), transform, difference);
            scalers.put(c, type.fit(d, difference, s.train().to()));
        }
        return new Preprocessing(inputColumns.get(0), inputColumns, lookBack, split, s, transform, difference,
                scalers);
    }

    /** {@code transform} then lag-{@code difference} differencing; rows before {@code difference} are NaN. */
    public static double[] stationary(double[] raw, Transform transform, int difference) {
        double[] z = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            z[i] = transform.apply(raw[i]);
        }
        if (difference == 0) {
            return z;
        }
        double[] d = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            d[i] = i < difference ? Double.NaN : z[i] - z[i - difference];
        }
        return d;
    }

    public Scaler targetScaler() {
        return scalers.get(target);
    }

    /** The first row with a full window of differenced inputs: {@code lookBack + difference}. */
    public int firstTargetRow() {
        return lookBack + difference;
    }

    /** The training rows that are targets of training windows: {@code [lookBack + difference, trainEnd)}. */
    public ChronoSplit.Range trainTargetRows() {
        int end = rows.train().to();
        return new ChronoSplit.Range(Math.min(firstTargetRow(), end), end);
    }

    /** The input columns of {@code table}, transformed, differenced and scaled, in model order. */
    public List<double[]> scaledColumns(Table table) {
        List<double[]> out = new ArrayList<>(inputColumns.size());
        for (String c : inputColumns) {
            out.add(scalers.get(c).transform(stationary(table.column(c), transform, difference)));
        }
        return out;
    }

    /**
     * Model outputs (scaled, differenced, transformed next values of the target) back to original units, one step
     * ahead: unscale, add back the transformed ACTUAL value {@code lag} rows earlier, inverse transform.
     *
     * @param scaled    the model outputs, one per target row
     * @param rows      the table row each output forecasts ({@code >= difference})
     * @param rawTarget the raw target column
     */
    public double[] invertTarget(double[] scaled, int[] rows, double[] rawTarget) {
        if (scaled.length != rows.length) {
            throw new IllegalArgumentException(scaled.length + " outputs for " + rows.length + " rows");
        }
        Scaler sc = targetScaler();
        double[] out = new double[scaled.length];
        for (int i = 0; i < scaled.length; i++) {
            double z = sc.inverse(scaled[i]);
            if (difference > 0) {
                if (rows[i] < difference) {
                    throw new IllegalArgumentException("row " + rows[i] + " has no value " + difference
                            + " rows earlier to undo the differencing");
                }
                z += transform.apply(rawTarget[rows[i] - difference]);
            }
            out[i] = transform.inverse(z);
        }
        return out;
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        root.put("target", target);
        ArrayNode cols = root.putArray("inputColumns");
        inputColumns.forEach(cols::add);
        root.put("lookBack", lookBack);
        root.putObject("split").put("train", split.train()).put("validation", split.validation());
        root.putObject("rows").put("total", rows.rows()).put("train", rows.train().size())
                .put("validation", rows.validation().size()).put("test", rows.test().size());
        root.put("inputLayout", "NCW");
        root.put("transform", transform.jsonName());
        root.put("difference", difference);
        ObjectNode sc = root.putObject("scalers");
        scalers.forEach((name, scaler) -> sc.set(name, scaler.toJson()));
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Preprocessing fromJson(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            List<String> cols = new ArrayList<>();
            root.get("inputColumns").forEach(n -> cols.add(n.asText()));
            Map<String, Scaler> scalers = new LinkedHashMap<>();
            root.get("scalers").fields().forEachRemaining(e -> scalers.put(e.getKey(), Scaler.fromJson(e.getValue())));
            JsonNode split = root.get("split");
            JsonNode rows = root.get("rows");
            int train = rows.get("train").asInt();
            ChronoSplit chrono = new ChronoSplit(rows.get("total").asInt(), train, train + rows.get("validation").asInt());
            return new Preprocessing(root.get("target").asText(), cols, root.get("lookBack").asInt(),
                    new SplitFractions(split.get("train").asDouble(), split.get("validation").asDouble()), chrono,
                    Transform.fromJsonName(root.path("transform").asText("none")), root.path("difference").asInt(0),
                    scalers);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not preprocessing JSON: " + e.getOriginalMessage(), e);
        }
    }
}
