package com.lstmautoml.backend.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.lstmautoml.backend.config.Json;
import com.lstmautoml.backend.domain.Experiment;
import com.lstmautoml.backend.domain.ModelVersion;
import com.lstmautoml.backend.domain.Trial;
import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.data.ChronoSplit;
import com.lstmautoml.core.evaluation.ForecastMetrics;
import com.lstmautoml.core.forecast.Conformal;
import com.lstmautoml.core.forecast.ForecastPoints;
import com.lstmautoml.core.forecast.HorizonEvaluation;
import com.lstmautoml.core.baselines.HoltWintersBaseline;
import com.lstmautoml.core.baselines.SeasonalNaiveBaseline;
import com.lstmautoml.core.training.OneStepForecasts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;

/**
 * A version's models scored on its experiment's test rows, stored in {@code model_evaluation}: the promoted trial's
 * own model at promotion, and its refit once a worker completed it (found by {@link #evaluatePendingRefits()} on a
 * timer). Each evaluation holds the one-step test metrics, the test RMSE per horizon step recursive from every test
 * origin beside seasonal naive and Holt-Winters at the same origins and steps, and the split-conformal intervals'
 * coverage on those forecasts. A version serves its refit from the moment the refit's evaluation is stored
 * ({@link #refitReady}); a refit whose evaluation fails is marked FAILED with the reason and the version keeps
 * serving the trial's model.
 */
@ApplicationScoped
public class ModelEvaluations {

    private static final Logger LOG = LoggerFactory.getLogger(ModelEvaluations.class);

    /** The interval levels whose coverage is reported, in percent. */
    static final List<Double> LEVELS = ForecastPoints.DEFAULT_LEVELS;

    private final ForecastService forecasts;
    private final RefitJobs refits;
    private final Clock clock;

    public ModelEvaluations(ForecastService forecasts, RefitJobs refits, Clock clock) {
        this.forecasts = forecasts;
        this.refits = refits;
        this.clock = clock;
    }

    /**
     * Scores the version's trial model (in the caller's transaction, at promotion). The model is loaded into the
     * forecast cache, so its first forecasts reuse the restored network and the calibration computed here.
     */
    void evaluateTrial(ModelVersion v, Experiment e) {
        store(v, ApiDtos.SERVING_TRIAL, compute(forecasts.load(v, false), e));
    }

    /**
     * Scores every completed refit that has no evaluation yet, each in its own transaction; a refit that cannot be
     * scored is marked FAILED with the reason.
     *
     * @return how many were scored
     */
    public int evaluatePendingRefits() {
        List<Long> pending = QuarkusTransaction.requiringNew().call(refits::completedUnevaluated);
        int done = 0;
        for (long versionId : pending) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    ModelVersion v = ModelVersion.findById(versionId);
                    Experiment e = Experiment.findById(v.experimentId);
                    store(v, ApiDtos.SERVING_REFIT, compute(forecasts.load(v, true), e));
                });
                done++;
            } catch (RuntimeException ex) {
                LOG.warn("version {}: the completed refit could not be scored; it stays on the trial's model",
                        versionId, ex);
                QuarkusTransaction.requiringNew().run(() -> {
                    ModelVersion v = ModelVersion.findById(versionId);
                    refits.failAfterTraining(v.refitTrialId, "the refit model could not be scored on the test rows: "
                            + ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
                });
            }
        }
        return done;
    }

    @Scheduled(every = "${automl.refits.interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        try {
            evaluatePendingRefits();
        } catch (RuntimeException e) {
            LOG.debug("refit evaluations: {}", e.toString());
        }
    }

    /** Whether the version's refit is evaluated, and so served. */
    boolean refitReady(long versionId) {
        return ((Number) em().createNativeQuery("SELECT count(*) FROM model_evaluation WHERE version_id = ?1"
                + " AND model = 'refit'").setParameter(1, versionId).getSingleResult()).longValue() > 0;
    }

    /** The version's evaluations, trial first; MASE and skill from the version's reference. */
    List<ApiDtos.VersionEvaluation> list(long versionId, ViewMapper.Reference ref) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em().createNativeQuery("SELECT model, test_rmse, test_mae, test_smape, test_rows,"
                + " CAST(horizon AS text), CAST(coverage AS text), evaluated_at FROM model_evaluation"
                + " WHERE version_id = ?1 ORDER BY CASE model WHEN 'trial' THEN 0 ELSE 1 END")
                .setParameter(1, versionId).getResultList();
        List<ApiDtos.VersionEvaluation> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            double rmse = ((Number) r[1]).doubleValue();
            double mae = ((Number) r[2]).doubleValue();
            out.add(new ApiDtos.VersionEvaluation((String) r[0], rmse, mae, ref.mase(mae),
                    r[3] == null ? null : ((Number) r[3]).doubleValue(), ref.testSkill(rmse),
                    ((Number) r[4]).intValue(), Json.MAPPER.convertValue(Json.tree((String) r[5]),
                    new TypeReference<List<ApiDtos.HorizonStep>>() {
                    }), Json.MAPPER.convertValue(Json.tree((String) r[6]),
                    new TypeReference<List<ApiDtos.IntervalCoverage>>() {
                    }), SqlTimes.instant(r[7])));
        }
        return out;
    }

    /** What one evaluation stores. */
    record Evaluation(double rmse, double mae, double smape, int rows, List<ApiDtos.HorizonStep> horizon,
                      List<ApiDtos.IntervalCoverage> coverage) {
    }

    /**
     * Scores a loaded model on its experiment's test rows: one step ahead with the actual history, and recursive from
     * every test origin for {@link HorizonEvaluation#defaultHorizon} steps beside seasonal naive and Holt-Winters
     * fitted on the rows the model was fitted on (the training rows; a refit's training and validation rows), with
     * the coverage of the 80 % and 95 % bands the service would give (the promoted trial's validation errors). Holds
     * the entry's lock while its networks run.
     */
    static Evaluation compute(ForecastService.Loaded l, Experiment e) {
        ChronoSplit rows = l.prep().rows();
        synchronized (l) {
            OneStepForecasts.Forecast test = OneStepForecasts.forRows(l.net(), l.prep(), l.dataset(), rows.test());
            int horizon = HorizonEvaluation.defaultHorizon(e.seasonality, rows.test().size());
            Conformal calibration = l.calibration(horizon);
            HorizonEvaluation h = HorizonEvaluation.evaluate(l.net(), l.prep(), l.dataset(),
                    Math.min(e.seasonality, rows.train().size()), horizon, calibration,
                    LEVELS.stream().mapToDouble(Double::doubleValue).toArray());
            List<ApiDtos.HorizonStep> steps = h.steps().stream().map(st -> {
                Map<String, Double> baselines = new LinkedHashMap<>();
                baselines.put(SeasonalNaiveBaseline.NAME, finite(st.seasonalNaiveRmse()));
                baselines.put(HoltWintersBaseline.NAME, finite(st.holtWintersRmse()));
                return new ApiDtos.HorizonStep(st.step(), st.count(), st.rmse(), baselines);
            }).toList();
            List<ApiDtos.IntervalCoverage> coverage = h.coverage().stream().map(c -> new ApiDtos.IntervalCoverage(
                    c.level(), c.count() == 0 ? null : c.share(), c.count())).toList();
            return new Evaluation(ForecastMetrics.rmse(test.actual(), test.predicted()),
                    ForecastMetrics.mae(test.actual(), test.predicted()),
                    ForecastMetrics.smape(test.actual(), test.predicted()), test.actual().length, steps, coverage);
        }
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private void store(ModelVersion v, String model, Evaluation ev) {
        em().createNativeQuery("INSERT INTO model_evaluation (version_id, model, test_rmse, test_mae, test_smape,"
                        + " test_rows, horizon, coverage, evaluated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, CAST(?7 AS jsonb),"
                        + " CAST(?8 AS jsonb), ?9) ON CONFLICT (version_id, model) DO NOTHING")
                .setParameter(1, v.id).setParameter(2, model).setParameter(3, ev.rmse()).setParameter(4, ev.mae())
                .setParameter(5, Double.isFinite(ev.smape()) ? ev.smape() : null).setParameter(6, ev.rows())
                .setParameter(7, Json.write(ev.horizon())).setParameter(8, Json.write(ev.coverage()))
                .setParameter(9, SqlTimes.parameter(clock.instant()))
                .executeUpdate();
    }

    private static EntityManager em() {
        return Trial.getEntityManager();
    }
}
