package com.lstmautoml.core.export;

import com.lstmautoml.core.data.ChronoSplit;
import com.lstmautoml.core.data.Preprocessing;
import com.lstmautoml.core.data.Table;
import com.lstmautoml.core.evaluation.ForecastMetrics;
import com.lstmautoml.core.training.OneStepForecasts;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A half-precision (fp16) copy of a served network, as a tutorial's quantisation step makes it
 * ({@link MultiLayerNetwork#convertDataType(DataType) convertDataType(HALF)}), with what it costs in accuracy measured
 * rather than assumed: the one-step-ahead RMSE of both networks on the same test rows, computed exactly as the
 * promoted version's test score ({@link OneStepForecasts#forRows(MultiLayerNetwork, Preprocessing, Table,
 * ChronoSplit.Range)}: windows of actual history, the stored scalers).
 *
 * <p>The copy runs in half precision itself: its configuration's data type is HALF, so the windows it is fed are HALF
 * too and ND4J computes in fp16 (the CPU backend, nd4j-native, does; nothing is cast back to fp32 before the output).
 *
 * @param modelZip       the copy as a ModelSerializer zip (no updater state)
 * @param testRows       how many test rows both were scored on
 * @param servedTestRmse the served (fp32) network's RMSE on them, in the series' units; NaN without test rows
 * @param halfTestRmse   the copy's RMSE on them; NaN without test rows
 */
public record HalfPrecisionCopy(byte[] modelZip, int testRows, double servedTestRmse, double halfTestRmse) {

    /** The data type of the copy. */
    public static final DataType TYPE = DataType.HALF;

    /**
     * Converts {@code net} (left as it was) and scores both on {@code testRows} of {@code table}. The caller must not
     * share {@code net} between threads during the call.
     *
     * @throws IllegalArgumentException when a test row has no full window
     */
    public static HalfPrecisionCopy of(MultiLayerNetwork net, Preprocessing prep, Table table,
                                       ChronoSplit.Range testRows) {
        MultiLayerNetwork half = net.convertDataType(TYPE);
        byte[] zip = ModelArchive.modelZip(half);
        if (testRows.size() == 0) {
            return new HalfPrecisionCopy(zip, 0, Double.NaN, Double.NaN);
        }
        OneStepForecasts.Forecast served = OneStepForecasts.forRows(net, prep, table, testRows);
        OneStepForecasts.Forecast copy = OneStepForecasts.forRows(half, prep, table, testRows);
        return new HalfPrecisionCopy(zip, testRows.size(), ForecastMetrics.rmse(served.actual(), served.predicted()),
                ForecastMetrics.rmse(copy.actual(), copy.predicted()));
    }

    /** How much the RMSE grew in half precision (negative when it shrank), in the series' units. */
    public double change() {
        return halfTestRmse - servedTestRmse;
    }
}
