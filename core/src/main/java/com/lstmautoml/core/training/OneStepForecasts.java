package com.lstmautoml.core.training;

import com.lstmautoml.core.data.ChronoSplit;
import com.lstmautoml.core.data.Preprocessing;
import com.lstmautoml.core.data.Table;
import com.lstmautoml.core.data.WindowMaker;
import com.lstmautoml.core.data.Windows;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One-step-ahead forecasts of a trained network in the series' units: windows of the preprocessed inputs, the
 * network's output at the last step, {@link Preprocessing#invertTarget} with the ACTUAL previous values. The trainer
 * scores validation with it, and a stored model (ModelSerializer zip plus its fitted preprocessing) is scored on any
 * rows with {@link #forRows}: the held-out test score of a promoted trial.
 */
public final class OneStepForecasts {

    private OneStepForecasts() {
    }

    /**
     * Forecasts of rows {@code [rows.from(), rows.to())}, a window per row whose inputs may reach back into earlier
     * slices (known history at forecast time); the scalers are the stored ones, fitted on the training slice.
     *
     * @param modelZip          the ModelSerializer zip of the trial's best epoch
     * @param preprocessingJson the trial's fitted preprocessing ({@link Preprocessing#toJson()})
     * @param table             the dataset the trial was trained on (its input columns, the same rows)
     * @throws IllegalArgumentException when the table does not match the preprocessing
     */
    public static Forecast forRows(byte[] modelZip, String preprocessingJson, Table table, ChronoSplit.Range rows) {
        Preprocessing prep = Preprocessing.fromJson(preprocessingJson);
        if (prep.rows().rows() != table.rows()) {
            throw new IllegalArgumentException("the model was trained on " + prep.rows().rows() + " rows, the table has "
                    + table.rows());
        }
        return forRows(restore(modelZip), prep, table, rows);
    }

    /** The network of a ModelSerializer zip (without its updater state). */
    public static MultiLayerNetwork restore(byte[] modelZip) {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(modelZip), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stored model", e);
        }
    }

    /**
     * Forecasts of rows {@code [rows.from(), rows.to())} of any table with the model's input columns (the training
     * rows or another history): a window of the preprocessed inputs per row, the network's output at the last step,
     * {@link Preprocessing#invertTarget} with the table's previous target values. The caller must not share {@code net}
     * between threads during the call (ND4J networks are not thread-safe for concurrent {@code output}).
     *
     * @throws IllegalArgumentException when a row has no full window
     */
    public static Forecast forRows(MultiLayerNetwork net, Preprocessing prep, Table table, ChronoSplit.Range rows) {
        if (rows.from() < prep.firstTargetRow()) {
            throw new IllegalArgumentException("row " + rows.from() + " has no full window: the first is "
                    + prep.firstTargetRow());
        }
        Windows w = WindowMaker.make(prep.scaledColumns(table), 0, prep.lookBack(), rows);
        DataSet windows = new WindowDataSetIterator(w, w.samples(), net.getLayerWiseConfigurations().getDataType(),
                null).all();
        double[] target = table.column(prep.target());
        List<String> times = new ArrayList<>(w.samples());
        for (int row : w.targetRows()) {
            times.add(table.times().get(row));
        }
        return new Forecast(times, raw(target, w.targetRows()), predict(net, windows, prep, w.targetRows(), target));
    }

    /** Forecasts in the series' units for the windows' target {@code rows}. */
    static double[] predict(MultiLayerNetwork net, DataSet windows, Preprocessing prep, int[] rows,
                            double[] rawTarget) {
        return prep.invertTarget(lastStep(net, windows), rows, rawTarget);
    }

    /** Scaled outputs at the last time step, one per window. */
    static double[] lastStep(MultiLayerNetwork net, DataSet windows) {
        INDArray out = net.output(windows.getFeatures(), false);
        long last = out.size(2) - 1;
        return out.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.point(last)).toDoubleVector();
    }

    /** Scaled labels at the last time step, one per window. */
    static double[] lastStepLabels(DataSet windows) {
        INDArray labels = windows.getLabels();
        long last = labels.size(2) - 1;
        return labels.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.point(last)).toDoubleVector();
    }

    static double[] raw(double[] column, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = column[rows[i]];
        }
        return out;
    }

    /** Forecasts with their actuals, in the series' units, one per target row. */
    public record Forecast(List<String> times, double[] actual, double[] predicted) {
    }
}
