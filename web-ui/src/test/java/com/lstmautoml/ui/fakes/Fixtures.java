package com.lstmautoml.ui.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lstmautoml.core.api.ApiDtos.ColumnSummary;
import com.lstmautoml.core.api.ApiDtos.DatasetView;
import com.lstmautoml.core.api.ApiDtos.ExperimentView;
import com.lstmautoml.core.api.ApiDtos.Split;
import com.lstmautoml.core.api.ApiDtos.TrialBrief;
import com.lstmautoml.core.api.ApiDtos.TrialView;
import com.lstmautoml.core.api.Caller;
import com.lstmautoml.core.api.Role;
import com.lstmautoml.ui.security.CurrentCaller;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Canned views for the fakes and tests. */
public final class Fixtures {

    public static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    /** The fixture team every fixture caller acts in. */
    public static final long TEAM = 10;

    /** "ann" (who created the fixture experiments and datasets) with {@code role} in the fixture team. */
    public static Caller caller(Role role) {
        return caller("ann", role);
    }

    public static Caller caller(String username, Role role) {
        return Caller.of("ann".equals(username) ? 1 : 2, username, TEAM, "forecasting", role, null);
    }

    /** A CurrentCaller that always answers {@code caller} (what the views get in tests). */
    public static CurrentCaller current(Caller caller) {
        return () -> caller;
    }

    public static final CurrentCaller ANN_ADMIN = current(caller(Role.ADMIN));

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('`', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    public static DatasetView dataset(String name, int rows, String... columns) {
        return new DatasetView(1, name, "Month", rows, "1949-01", "1960-12",
                java.util.Arrays.stream(columns).map(c -> new ColumnSummary(c, 0, 1, 0.5)).toList(), "ann",
                Instant.parse("2024-01-01T00:00:00Z"));
    }

    public static final String SPACE = """
            {"units": {"type":"int","min":16,"max":128,"step":16},
             "layers": {"type":"int","min":1,"max":3},
             "lookBack": {"type":"choice","values":[6,12,24]},
             "dropout": {"type":"float","min":0.0,"max":0.4,"log":false,"step":0.2},
             "batchSize": {"type":"choice","values":[8,16]},
             "learningRate": {"type":"float","min":0.0005,"max":0.02,"log":true},
             "transform": {"type":"choice","values":["none"]}, "difference": {"type":"choice","values":[0]},
             "scaler": {"type":"choice","values":["minmax"]}}""";

    public static ExperimentView experiment(long id, String name, String state) {
        return new ExperimentView(id, name, "airline-passengers", "Passengers", List.of("Temp"), "random", state, 30, 3,
                60, 7, 123456789012L, new Split(0.6, 0.2, 0.2), json(SPACE), "ann",
                Instant.parse("2024-02-01T10:00:00Z"), null, 5, 3, Map.of("COMPLETED", 3L, "RUNNING", 2L),
                new TrialBrief(11, 2, "COMPLETED", json("{`units`:32}"), 21.5, 18.0), null, 120.0, "median");
    }

    public static TrialView trial(long id, int number, String state, Double valRmse) {
        return new TrialView(id, 1, number, state, json("{`units`:32,`layers`:1,`lookBack`:12,`dropout`:0.1,"
                + "`batchSize`:16,`learningRate`:0.001}"), valRmse, valRmse == null ? null : valRmse * 0.9,
                valRmse == null ? null : 20, valRmse == null ? null : 12, valRmse == null ? null : "PATIENCE", 12.5,
                "w-1", 1, "FAILED".equals(state) ? "out of memory" : null, List.of(), null, null, null);
    }
}
