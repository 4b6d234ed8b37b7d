package com.lstmautoml.core.training;

import com.lstmautoml.core.data.Windows;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Minibatches of windows for a DL4J recurrent network: features {@code [mb, features, lookBack]} (NCW), labels
 * {@code [mb, 1, lookBack]} holding the target at the last step only, label mask {@code [mb, lookBack]} that is 1 at the
 * last step only. The windows are laid out once as NCW Java arrays; each batch is one copy into fresh arrays. With a
 * {@link Random}, the sample order is reshuffled at every {@link #reset()} (as Keras does each epoch); synchronous
 * only, so the order depends on the seed alone.
 */
final class WindowDataSetIterator implements DataSetIterator {

    private final int samples;
    private final int features;
    private final int steps;
    private final double[] ncw;
    private final double[] targets;
    private final int batchSize;
    private final DataType dataType;
    private final Random shuffle;
    private final int[] order;
    private int cursor;
    private int lastBatchSize;
    private DataSetPreProcessor preProcessor;

    WindowDataSetIterator(Windows w, int batchSize, DataType dataType, Random shuffle) {
        if (w.samples() < 1 || batchSize < 1) {
            throw new IllegalArgumentException("need samples and batch size >= 1");
        }
        this.samples = w.samples();
        this.features = w.features();
        this.steps = w.lookBack();
        this.ncw = w.ncw();
        this.targets = w.targets();
        this.batchSize = batchSize;
        this.dataType = dataType;
        this.shuffle = shuffle;
        this.order = new int[samples];
        for (int i = 0; i < samples; i++) {
            order[i] = i;
        }
    }

    /** All windows in order as one DataSet. */
    DataSet all() {
        int[] idx = new int[samples];
        for (int i = 0; i < samples; i++) {
            idx[i] = i;
        }
        return build(idx, 0, samples);
    }

    private DataSet build(int[] idx, int from, int to) {
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
        DataSet ds = new DataSet(
                Nd4j.create(f, new long[]{mb, features, steps}, dataType),
                Nd4j.create(l, new long[]{mb, 1, steps}, dataType),
                null,
                Nd4j.create(m, new long[]{mb, steps}, dataType));
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    @Override
    public boolean hasNext() {
        return cursor < samples;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int to = Math.min(samples, cursor + num);
        DataSet ds = build(order, cursor, to);
        lastBatchSize = to - cursor;
        cursor = to;
        return ds;
    }

    /** The number of windows in the minibatch {@link #next} returned last (0 before the first). */
    int lastBatchSize() {
        return lastBatchSize;
    }

    @Override
    public void reset() {
        cursor = 0;
        if (shuffle != null) {
            for (int i = samples - 1; i > 0; i--) {
                int j = shuffle.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
    }

    @Override
    public int inputColumns() {
        return features;
    }

    @Override
    public int totalOutcomes() {
        return 1;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return null;
    }
}
