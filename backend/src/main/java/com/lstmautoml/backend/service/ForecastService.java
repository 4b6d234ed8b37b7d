package com.lstmautoml.backend.service;

import com.lstmautoml.backend.domain.Experiment;
import com.lstmautoml.backend.domain.ModelVersion;
import com.lstmautoml.backend.domain.TrialModel;
import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.api.ConflictException;
import com.lstmautoml.core.data.ChronoSplit;
import com.lstmautoml.core.data.Preprocessing;
import com.lstmautoml.core.data.Table;
import com.lstmautoml.core.forecast.Conformal;
import com.lstmautoml.core.forecast.RecursiveForecaster;
import com.lstmautoml.core.training.OneStepForecasts;
import jakarta.enterprise.context.ApplicationScoped;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loaded models of registered versions, kept in memory for forecasts: at most {@link #CAPACITY} versions, the least
 * recently used evicted (a {@link LinkedHashMap} in access order). Each entry holds the restored network, its fitted
 * preprocessing, the dataset it was trained on, and its split-conformal calibration errors per horizon, computed
 * once. ND4J networks are not thread-safe for concurrent {@code output}: every use of an entry's network holds the
 * entry's lock.
 */
@ApplicationScoped
public class ForecastService {

    /** Most loaded versions kept. */
    static final int CAPACITY = 16;

    private final Map<Long, Loaded> cache = new LinkedHashMap<>(CAPACITY + 1, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Loaded> eldest) {
            return size() > CAPACITY;
        }
    };

    /** A version's served model: the trial's own stored model (refit is not built yet). */
    public static final class Loaded {
        final MultiLayerNetwork net;
        final Preprocessing prep;
        final Table dataset;
        private final Map<Integer, Conformal> calibrations = new HashMap<>();

        Loaded(MultiLayerNetwork net, Preprocessing prep, Table dataset) {
            this.net = net;
            this.prep = prep;
            this.dataset = dataset;
        }

        public Preprocessing prep() {
            return prep;
        }

        public Table dataset() {
            return dataset;
        }

        /** Which model forecasts: {@link ApiDtos#SERVING_TRIAL} or {@link ApiDtos#SERVING_REFIT}. */
        public String servedBy() {
            return ApiDtos.SERVING_TRIAL;
        }

        /**
         * The calibration of every step the validation slice allows, at most {@code maxHorizon} (the longest forecast
         * the service answers), for an export whose offline intervals must be the service's: it is the very object
         * forecasts of that many steps or more use, and a shorter forecast's calibration holds the same errors for
         * its steps (the same origins, the same recursive forecasts, cut after fewer steps).
         */
        public Conformal calibrationOfAllSteps(int maxHorizon) {
            synchronized (this) {
                return calibration(maxHorizon);
            }
        }

        /**
         * The calibration for {@code horizon} steps from every validation origin, with actuals inside the validation
         * rows only (the test rows stay held out). Steps beyond the validation slice's length have no errors, so
         * the calibration is computed (and cached) for at most that many steps.
         */
        private Conformal calibration(int horizon) {
            ChronoSplit.Range validation = prep.rows().validation();
            int steps = Math.max(1, Math.min(horizon, validation.size()));
            return calibrations.computeIfAbsent(steps, h -> Conformal.calibrate(net, prep, dataset, validation,
                    validation.to(), h));
        }
    }

    /** Means and the calibration for a forecast. */
    public record Result(double[] mean, Conformal calibration) {
        /** Errors of {@code step} (1-based) in the calibration; 0 beyond its steps. */
        public int count(int step) {
            return step <= calibration.errors().size() ? calibration.count(step) : 0;
        }
    }

    /** The served model of {@code v}, from the cache or loaded now. */
    public Loaded load(ModelVersion v) {
        synchronized (cache) {
            Loaded l = cache.get(v.id);
            if (l != null) {
                return l;
            }
        }
        TrialModel model = TrialModel.<TrialModel>findByIdOptional(v.trialId).orElseThrow(() -> new ConflictException(
                "version " + v.version + " (trial " + v.trialId + ") has no stored model to forecast with"));
        Experiment e = Experiment.findById(v.experimentId);
        Loaded loaded = new Loaded(OneStepForecasts.restore(model.modelZip), Preprocessing.fromJson(model.preprocessing),
                ExperimentService.table(e.dataset));
        synchronized (cache) {
            return cache.computeIfAbsent(v.id, id -> loaded);
        }
    }

    /** Recursive forecasts of {@code horizon} steps after {@code history} and the calibration for them. */
    public Result forecast(Loaded l, Table history, Map<String, double[]> future, int horizon) {
        synchronized (l) {
            Conformal c = l.calibration(horizon);
            return new Result(RecursiveForecaster.forecast(l.net, l.prep, history, future, horizon), c);
        }
    }

    /** How many versions are loaded (for tests). */
    int loaded() {
        synchronized (cache) {
            return cache.size();
        }
    }
}
