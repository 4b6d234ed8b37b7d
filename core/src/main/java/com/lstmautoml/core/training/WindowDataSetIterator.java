package com.lstmautoml.core.training;

import com.lstmautoml.core.data.Windows;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/**
 * Minibatches of windows for a DL4J recurrent network: features {@code [mb, features, lookBack]} (NCW), labels
 * {@code [mb, 1, lookBack]} holding the target at the last step only, label mask {@code [mb, lookBack]} that is 1 at the
 * last step only. The windows are laid out once as NCW Java arrays; each batch is one copy into fresh arrays. The order
 * and its reshuffling are {@link ShuffledBatches}'.
 */
final class WindowDataSetIterator extends ShuffledBatches {

    private final int features;
    private final int steps;
    private final double[] ncw;
    private final double[] targets;
    private final DataType dataType;

    WindowDataSetIterator(Windows w, int batchSize, DataType dataType, Random shuffle) {
        super(w.samples(), batchSize, shuffle);
        this.features = w.features();
        this.steps = w.lookBack();
        this.ncw = w.ncw();
        this.targets = w.targets();
        this.dataType = dataType;
    }

    @Override
    DataSet build(int[] idx, int from, int to) {
        int mb = to - from;
        int block = features * steps;
        double[] f = new double[mb * block];
        double[] l = new double[mb * steps];
        double[] m = new double[mb * steps];
        for (int b = 0; b < mb; b++) {
            int i = idx[from + b];
            System.arraycopy(ncw, i * block, f, b * block, block);
            l[b * steps + steps - 1] = targets[i];
            m[b * steps + steps - 1] = 1;
        }
        return new DataSet(
                Nd4j.create(f, new long[]{mb, features, steps}, dataType),
                Nd4j.create(l, new long[]{mb, 1, steps}, dataType),
                null,
                Nd4j.create(m, new long[]{mb, steps}, dataType));
    }

    @Override
    public int inputColumns() {
        return features;
    }

    @Override
    public int totalOutcomes() {
        return 1;
    }
}
