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

    /** A cached model: a version and the trial whose stored model it serves (the promoted one or its refit). */
    private record Key(long versionId, long modelTrialId) {
    }

    private final Map<Key, Loaded> cache = new LinkedHashMap<>(CAPACITY + 1, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Loaded> eldest) {
            return size() > CAPACITY;
        }
    };

    /**
     * A version's served model: the network and preprocessing that forecast (the promoted trial's, or its refit's),
     * the dataset, and the network and preprocessing that calibrate the intervals, always the promoted trial's: its
     * validation rows were never trained on, while the refit trained on them, so the refit's own errors there would
     * be in-sample and its bands too narrow. The refit's bands are the trial's calibration errors around the refit's
     * forecasts (as NeuralForecast reuses its cross-validation windows' scores after a refit).
     */
    public static final class Loaded {
        final MultiLayerNetwork net;
        final Preprocessing prep;
        final Table dataset;
        private final MultiLayerNetwork calibrationNet;
        private final Preprocessing calibrationPrep;
        private final String servedBy;
        private final Map<Integer, Conformal> calibrations = new HashMap<>();
        /** Means after the stored series by horizon, the most recently asked {@link #STORED_SERIES_HORIZONS} kept. */
        private final Map<Integer, double[]> storedSeriesMeans = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, double[]> eldest) {
                return size() > STORED_SERIES_HORIZONS;
            }
        };

        Loaded(MultiLayerNetwork net, Preprocessing prep, Table dataset, MultiLayerNetwork calibrationNet,
               Preprocessing calibrationPrep, String servedBy) {
            this.net = net;
            this.prep = prep;
            this.dataset = dataset;
            this.calibrationNet = calibrationNet;
            this.calibrationPrep = calibrationPrep;
            this.servedBy = servedBy;
        }

        public MultiLayerNetwork net() {
            return net;
        }

        public Preprocessing prep() {
            return prep;
        }

        public Table dataset() {
            return dataset;
        }

        /** Which model forecasts: {@link ApiDtos#SERVING_TRIAL} or {@link ApiDtos#SERVING_REFIT}. */
        public String servedBy() {
            return servedBy;
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
         * The calibration for {@code horizon} steps from every validation origin of the promoted trial's model, with
         * actuals inside the validation rows only (the test rows stay held out). Steps beyond the validation slice's
         * length have no errors, so the calibration is computed (and cached) for at most that many steps. Callers
         * hold the entry's lock.
         */
        Conformal calibration(int horizon) {
            ChronoSplit.Range validation = calibrationPrep.rows().validation();
            int steps = Math.max(1, Math.min(horizon, validation.size()));
            return calibrations.computeIfAbsent(steps, h -> Conformal.calibrate(calibrationNet, calibrationPrep,
                    dataset, validation, validation.to(), h));
        }
    }

    /** Means and the calibration for a forecast. */
    public record Result(double[] mean, Conformal calibration) {
    }

    /** The served model of {@code v} (its refit once {@code refitReady}), from the cache or loaded now. */
    public Loaded load(ModelVersion v, boolean refitReady) {
        boolean refit = refitReady && v.refitTrialId != null;
        Key key = new Key(v.id, refit ? v.refitTrialId : v.trialId);
        synchronized (cache) {
            Loaded l = cache.get(key);
            if (l != null) {
                return l;
            }
        }
        Loaded loaded = loadNow(v, refit);
        synchronized (cache) {
            return cache.computeIfAbsent(key, k -> loaded);
        }
    }

    /** The promoted trial's model of {@code v}, or its refit's, read from the database now. */
    private Loaded loadNow(ModelVersion v, boolean refit) {
        TrialModel model = stored(v, v.trialId);
        MultiLayerNetwork net = OneStepForecasts.restore(model.modelZip);
        Preprocessing prep = Preprocessing.fromJson(model.preprocessing);
        Experiment e = Experiment.findById(v.experimentId);
        Table table = ExperimentService.table(e.dataset);
        if (!refit) {
            return new Loaded(net, prep, table, net, prep, ApiDtos.SERVING_TRIAL);
        }
        TrialModel refitModel = stored(v, v.refitTrialId);
        return new Loaded(OneStepForecasts.restore(refitModel.modelZip), Preprocessing.fromJson(refitModel.preprocessing),
                table, net, prep, ApiDtos.SERVING_REFIT);
    }

    private static TrialModel stored(ModelVersion v, long trialId) {
        return TrialModel.<TrialModel>findByIdOptional(trialId).orElseThrow(() -> new ConflictException(
                "version " + v.version + " (trial " + trialId + ") has no stored model to forecast with"));
    }

    /** Recursive forecasts of {@code horizon} steps after {@code history} and the calibration for them. */
    public Result forecast(Loaded l, Table history, Map<String, double[]> future, int horizon) {
        synchronized (l) {
            Conformal c = l.calibration(horizon);
            return new Result(RecursiveForecaster.forecast(l.net, l.prep, history, future, horizon), c);
        }
    }

    /** Horizons whose forecast after the stored series each loaded model keeps. */
    static final int STORED_SERIES_HORIZONS = 8;

    /**
     * The forecast after the version's stored series (a request without history, for a model without extra input
     * columns): the same numbers as {@link #forecast} with that series, computed once per loaded model and horizon and
     * then answered from memory. A dashboard and scripts polling the champion's forecast ask exactly this, and each
     * recursive step is a DL4J LSTM pass over the whole look-back window (about 1.5 ms for look-back 12 on one core).
     */
    public Result forecastStoredSeries(Loaded l, int horizon) {
        synchronized (l) {
            Conformal c = l.calibration(horizon);
            double[] mean = l.storedSeriesMeans.get(horizon);
            if (mean == null) {
                mean = RecursiveForecaster.forecast(l.net, l.prep, l.dataset, Map.of(), horizon);
                l.storedSeriesMeans.put(horizon, mean);
            }
            return new Result(mean.clone(), c);
        }
    }

    /** How many versions are loaded (for tests). */
    int loaded() {
        synchronized (cache) {
            return cache.size();
        }
    }
}
