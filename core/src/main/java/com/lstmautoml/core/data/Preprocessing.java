package com.lstmautoml.core.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lstmautoml.core.training.SplitFractions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fitted data preparation of one trial, enough to serve forecasts with its model: input columns in model order
 * (target first), the look-back, the split, and one scaler per input column fitted on the training slice only.
 * The model's input is {@code [batch, inputColumns.size(), lookBack]} (DL4J NCW) of scaled values; its output at the
 * last time step is the scaled next value of the target ({@code scalers.get(target).inverse(...)} for original units).
 *
 * <p>JSON ({@link #toJson()}):
 * <pre>{"version":1,"target":"Passengers","inputColumns":["Passengers"],"lookBack":3,
 *  "split":{"train":0.7,"validation":0.15},"rows":{"total":144,"train":100,"validation":21,"test":23},
 *  "inputLayout":"NCW","scalers":{"Passengers":{"type":"minmax","min":104.0,"max":505.0}}}</pre>
 */
public record Preprocessing(String target, List<String> inputColumns, int lookBack, SplitFractions split,
                            ChronoSplit rows, Map<String, Scaler> scalers) {

    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    public Preprocessing {
        inputColumns = List.copyOf(inputColumns);
        scalers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scalers));
        if (inputColumns.isEmpty() || !inputColumns.get(0).equals(target)) {
            throw new IllegalArgumentException("the target must be the first input column: " + inputColumns);
        }
        if (!scalers.keySet().containsAll(inputColumns)) {
            throw new IllegalArgumentException("need a scaler for each of " + inputColumns + ", got " + scalers.keySet());
        }
    }

    /** Fits one scaler of {@code type} per input column on the training slice of {@code table}. */
    public static Preprocessing fit(Table table, List<String> inputColumns, int lookBack, SplitFractions split,
                                    ScalerType type) {
        ChronoSplit s = ChronoSplit.of(table.rows(), split);
        Map<String, Scaler> scalers = new LinkedHashMap<>();
        for (String c : inputColumns) {
            scalers.put(c, type.fit(table.column(c), s.train().from(), s.train().to()));
        }
        return new Preprocessing(inputColumns.get(0), inputColumns, lookBack, split, s, scalers);
    }

    public Scaler targetScaler() {
        return scalers.get(target);
    }

    /** The input columns of {@code table}, scaled, in model order. */
    public List<double[]> scaledColumns(Table table) {
        List<double[]> out = new ArrayList<>(inputColumns.size());
        for (String c : inputColumns) {
            out.add(scalers.get(c).transform(table.column(c)));
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
                    scalers);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not preprocessing JSON: " + e.getOriginalMessage(), e);
        }
    }
}
