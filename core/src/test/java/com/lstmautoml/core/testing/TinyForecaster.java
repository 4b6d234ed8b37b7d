package com.lstmautoml.core.testing;

import com.lstmautoml.core.data.Preprocessing;
import com.lstmautoml.core.data.Table;
import com.lstmautoml.core.training.EpochVerdict;
import com.lstmautoml.core.training.LstmTrainer;
import com.lstmautoml.core.training.LstmNetwork;
import com.lstmautoml.core.training.OneStepForecasts;
import com.lstmautoml.core.data.SplitFractions;
import com.lstmautoml.core.training.TrainingJob;
import com.lstmautoml.core.training.TrainingResult;
import com.lstmautoml.core.trial.TrialParams;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A tiny LSTM really trained (3 epochs) on a table with target {@code y} and one feature {@code x}, for tests of what
 * is done with a trained model: its result, fitted preprocessing and restored network.
 */
public record TinyForecaster(Table table, TrainingResult result, Preprocessing prep, MultiLayerNetwork net) {

    /**
     * {@code rows} rows of a seasonal series with a trend, {@code y = 10 + 5 sin(2πt/12) + 0.1t}, and the feature
     * {@code x = cos(2πt/12)}; time labels t0, t1, ...
     */
    public static Table seasonalTable(int rows) {
        double[] y = new double[rows];
        double[] x = new double[rows];
        for (int t = 0; t < rows; t++) {
            y[t] = 10 + 5 * Math.sin(2 * Math.PI * t / 12) + 0.1 * t;
            x[t] = Math.cos(2 * Math.PI * t / 12);
        }
        return table(y, x);
    }

    /** A table of target {@code y} and feature {@code x}, time labels t0, t1, ... */
    public static Table table(double[] y, double[] x) {
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("y", y);
        cols.put("x", x);
        return new Table("t", IntStream.range(0, y.length).mapToObj(i -> "t" + i).toList(), cols);
    }

    /** Trains {@code params} on {@code table} (target y, feature x) for 3 epochs, default split. */
    public static TinyForecaster train(Table table, TrialParams params, long seed) {
        TrainingJob job = new TrainingJob(table, "y", List.of("x"), params, LstmNetwork.configurationJson(2, params, seed),
                SplitFractions.DEFAULT, 3, 1, 100, seed);
        TrainingResult result = new LstmTrainer().train(job, (epoch, train, val, rmse) -> EpochVerdict.CONTINUE);
        return new TinyForecaster(table, result, Preprocessing.fromJson(result.preprocessingJson()),
                OneStepForecasts.restore(result.modelZip()));
    }
}
