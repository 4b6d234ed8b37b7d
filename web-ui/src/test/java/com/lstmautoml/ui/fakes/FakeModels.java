package com.lstmautoml.ui.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.api.ApiDtos.ForecastAnswer;
import com.lstmautoml.core.api.ApiDtos.ForecastPoint;
import com.lstmautoml.core.api.ApiDtos.HorizonStep;
import com.lstmautoml.core.api.ApiDtos.IntervalCoverage;
import com.lstmautoml.core.api.ApiDtos.ModelExport;
import com.lstmautoml.core.api.ApiDtos.ModelSummary;
import com.lstmautoml.core.api.ApiDtos.ModelVersionView;
import com.lstmautoml.core.api.ApiDtos.ModelView;
import com.lstmautoml.core.api.ApiDtos.RefitView;
import com.lstmautoml.core.api.ApiDtos.SeriesTail;
import com.lstmautoml.core.api.ApiDtos.VersionBaseline;
import com.lstmautoml.core.api.ApiDtos.VersionEvaluation;
import com.lstmautoml.core.api.Caller;
import com.lstmautoml.core.api.Models;
import com.lstmautoml.core.api.NotFoundException;
import com.lstmautoml.core.api.Role;
import com.lstmautoml.core.validation.ValidationException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * In-memory model registry with full data (refit, evaluations, coverage: what the real service fills in later), records
 * of the calls; refuses what the caller's role does not allow and a horizon outside 1..{@link #maxHorizon}, as the
 * service does.
 */
public class FakeModels implements Models {

    /** The fixture model: three versions, the newest the champion, served by its refit, fully evaluated. */
    public static final String AIRLINE = "airline-passengers-passengers";
    public static final Instant CREATED = Instant.parse("2024-02-03T10:00:00Z");
    /** The fixture series: 144 months from 1949-01, its values 100 + row. */
    public static final int SERIES_ROWS = 144;

    public record ForecastCall(String model, Integer version, JsonNode request) {
    }

    public record TailCall(String model, Integer version, int rows) {
    }

    public record ChampionCall(String model, int version, Role role) {
    }

    public final Map<String, ModelView> models = new LinkedHashMap<>();
    public final List<ForecastCall> forecasts = new ArrayList<>();
    public final List<TailCall> tails = new ArrayList<>();
    public final List<ChampionCall> championCalls = new ArrayList<>();
    public final List<String> exports = new ArrayList<>();
    /** The service's horizon limit. */
    public int maxHorizon = 1000;
    /** Thrown by export when set (the real one throws UnsupportedOperationException for now). */
    public RuntimeException exportFailure;

    /** The fixture model and a second one with a single version. */
    public static FakeModels withFixtureModels() {
        FakeModels f = new FakeModels();
        f.models.put(AIRLINE, new ModelView(AIRLINE, CREATED, Map.of(CHAMPION, 3), List.of(
                version(AIRLINE, 3, true, 3, 17, Instant.parse("2024-02-05T10:00:00Z"), 19.0, 19.37,
                        ApiDtos.SERVING_REFIT, new RefitView("COMPLETED", 23, Instant.parse("2024-02-05T10:00:00Z"),
                                Instant.parse("2024-02-05T10:01:00Z"), Instant.parse("2024-02-05T10:03:00Z"), null),
                        List.of(evaluation("trial", 19.37, 0.75, 0.9), evaluation("refit", 17.2, 0.786, 0.94))),
                version(AIRLINE, 2, false, 2, 12, Instant.parse("2024-02-04T10:00:00Z"), 24.0, 30.0,
                        ApiDtos.SERVING_TRIAL, null, List.of()),
                version(AIRLINE, 1, false, 1, 11, CREATED, 25.0, 60.0, ApiDtos.SERVING_TRIAL,
                        new RefitView("FAILED", 12, CREATED, CREATED, CREATED, "out of memory"), List.of()))));
        f.models.put("sunspots-count", new ModelView("sunspots-count", Instant.parse("2024-01-20T10:00:00Z"),
                Map.of(CHAMPION, 1), List.of(version("sunspots-count", 1, true, 4, 40,
                Instant.parse("2024-01-20T10:00:00Z"), 12.0, 13.5, ApiDtos.SERVING_TRIAL, null, List.of()))));
        return f;
    }

    /** A version with test metrics derived from {@code testRmse} as in {@link Fixtures#brief}. */
    public static ModelVersionView version(String model, int version, boolean champion, long experimentId,
                                           long trialId, Instant promotedAt, double valRmse, double testRmse,
                                           String serving, RefitView refit, List<VersionEvaluation> evaluations) {
        return new ModelVersionView(model, version, champion, experimentId, trialId, "ann", promotedAt,
                Fixtures.json("{`units`:32}"), valRmse, valRmse * 0.8, valRmse * 0.8 / Fixtures.MASE_SCALE, valRmse / 4,
                1 - valRmse / 31.04, testRmse, testRmse * 0.8, testRmse * 0.8 / Fixtures.MASE_SCALE, testRmse / 4,
                1 - testRmse / 50.89, Fixtures.MASE_SCALE, Fixtures.BASELINES.stream().map(b -> new VersionBaseline(
                b.name(), b.testRmse(), b.testMae(), b.testMase(), b.testSmape(), b.testSkill())).toList(), serving,
                refit, evaluations, "forecast");
    }

    /** The text generation model of the fixture text experiment: one version, in bits per character. */
    public static final String SHAKESPEARE = "shakespeare-text";

    /**
     * A text generation model's version: bits per character (valBits, testBits), the character n-gram's 2.61 beside
     * it, no MAE, MASE, sMAPE or skill, no refit and no evaluations.
     */
    public static ModelVersionView textVersion(String model, int version, boolean champion, double valBits,
                                               double testBits) {
        return new ModelVersionView(model, version, champion, 2, 21, "ann", Instant.parse("2024-02-06T10:00:00Z"),
                Fixtures.json("{`units`:128,`sequenceLength`:100}"), valBits, null, null, null, null, testBits, null,
                null, null, null, null, List.of(new VersionBaseline("character n-gram", 2.61, null, null, null, null)),
                ApiDtos.SERVING_TRIAL, null, List.of(), "generate");
    }

    /**
     * An evaluation on 29 test rows: one step ahead at {@code testRmse}, three horizon steps growing by 10 % each
     * (seasonal naive and Holt-Winters beside them), coverage of the 80 % and 95 % bands over 84 intervals.
     */
    public static VersionEvaluation evaluation(String model, double testRmse, double observed80, double observed95) {
        List<HorizonStep> steps = new ArrayList<>();
        for (int s = 1; s <= 3; s++) {
            steps.add(new HorizonStep(s, 30 - s, testRmse * (1 + 0.1 * (s - 1)),
                    Map.of("seasonal naive", 50.89, "Holt-Winters", 16.02 + s)));
        }
        return new VersionEvaluation(model, testRmse, testRmse * 0.8, testRmse * 0.8 / Fixtures.MASE_SCALE,
                testRmse / 4, 1 - testRmse / 50.89, 29, steps, List.of(new IntervalCoverage(80, observed80, 84),
                new IntervalCoverage(95, observed95, 84)), Instant.parse("2024-02-05T10:04:00Z"));
    }

    /** "1949-01" for row 0 of the fixture series, on past its end for the forecast's steps. */
    public static String month(int row) {
        return String.format(Locale.ROOT, "%d-%02d", 1949 + row / 12, row % 12 + 1);
    }

    @Override
    public List<ModelSummary> list(Caller caller) {
        return models.values().stream().map(m -> {
            ModelVersionView newest = m.versions().get(0);
            return new ModelSummary(m.name(), m.createdAt(), m.versions().size(), m.aliases().get(CHAMPION),
                    newest.version(), newest.testRmse(), newest.task());
        }).toList();
    }

    @Override
    public ModelView get(Caller caller, String name) {
        ModelView m = models.get(name);
        if (m == null) {
            throw new NotFoundException("no model named '" + name + "' in team " + caller.teamName());
        }
        return m;
    }

    @Override
    public ModelVersionView version(Caller caller, String name, int version) {
        return get(caller, name).versions().stream().filter(v -> v.version() == version).findFirst()
                .orElseThrow(() -> new NotFoundException("model '" + name + "' has no version " + version));
    }

    @Override
    public ModelView setChampion(Caller caller, String name, int version) {
        ModelView m = get(caller, name);
        caller.require(Role.ADMIN, "move model aliases");
        version(caller, name, version);
        championCalls.add(new ChampionCall(name, version, caller.role()));
        ModelView moved = new ModelView(m.name(), m.createdAt(), Map.of(CHAMPION, version), m.versions().stream()
                .map(v -> withChampion(v, v.version() == version)).toList());
        models.put(name, moved);
        return moved;
    }

    private static ModelVersionView withChampion(ModelVersionView v, boolean champion) {
        return new ModelVersionView(v.model(), v.version(), champion, v.experimentId(), v.trialId(), v.promotedBy(),
                v.promotedAt(), v.params(), v.valRmse(), v.valMae(), v.valMase(), v.valSmape(), v.valSkill(),
                v.testRmse(), v.testMae(), v.testMase(), v.testSmape(), v.testSkill(), v.maseScale(), v.baselines(),
                v.serving(), v.refit(), v.evaluations(), v.task());
    }

    /**
     * Means 400 + step; the 80 % band ±20 at every step, the 95 % band ±35 up to step 10 and null after (too few
     * calibration errors).
     */
    @Override
    public ForecastAnswer forecast(Caller caller, String name, Integer version, JsonNode request) {
        forecasts.add(new ForecastCall(name, version, request.deepCopy()));
        ModelVersionView v = version == null ? champion(caller, name) : version(caller, name, version);
        JsonNode h = request.get("horizon");
        if (h == null || !h.canConvertToInt() || h.asInt() < 1 || h.asInt() > maxHorizon) {
            throw new ValidationException("horizon", "must be a whole number of steps from 1 (minimum) to "
                    + maxHorizon + " (maximum), got " + h);
        }
        List<ForecastPoint> points = new ArrayList<>();
        for (int s = 1; s <= h.asInt(); s++) {
            double mean = 400 + s;
            Map<String, Double> lower = new LinkedHashMap<>();
            Map<String, Double> upper = new LinkedHashMap<>();
            lower.put("80", mean - 20);
            upper.put("80", mean + 20);
            lower.put("95", s <= 10 ? mean - 35 : null);
            upper.put("95", s <= 10 ? mean + 35 : null);
            points.add(new ForecastPoint(month(SERIES_ROWS - 1 + s), mean, lower, upper, Math.max(0, 30 - s)));
        }
        return new ForecastAnswer(name, v.version(), v.serving(), points);
    }

    private ModelVersionView champion(Caller caller, String name) {
        Integer c = get(caller, name).aliases().get(CHAMPION);
        if (c == null) {
            throw new NotFoundException("model '" + name + "' has no champion version");
        }
        return version(caller, name, c);
    }

    @Override
    public SeriesTail tail(Caller caller, String name, Integer version, int rows) {
        tails.add(new TailCall(name, version, rows));
        if (version != null) {
            version(caller, name, version);
        }
        int from = Math.max(0, SERIES_ROWS - rows);
        List<String> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int i = from; i < SERIES_ROWS; i++) {
            times.add(month(i));
            values.add(100.0 + i);
        }
        return new SeriesTail("Month", "Passengers", times, values);
    }

    @Override
    public ModelExport export(Caller caller, String name, int version) {
        version(caller, name, version);
        exports.add(name + " v" + version);
        if (exportFailure != null) {
            throw exportFailure;
        }
        return new ModelExport(name + "-v" + version + ".zip", ("zip of " + name + " v" + version)
                .getBytes(StandardCharsets.UTF_8));
    }
}
