package com.lstmautoml.core.training;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * THE minibatch iteration of a trial's samples (a forecast's windows, a text's sequences): minibatches of
 * {@code batchSize} samples in an order that, with a {@link Random}, is reshuffled at every {@link #reset()} (as Keras
 * does each epoch); synchronous only, so the order depends on the seed alone. A subclass says how samples become a
 * {@link DataSet}.
 */
abstract class ShuffledBatches implements DataSetIterator {

    private final int batchSize;
    private final Random shuffle;
    private final int[] order;
    private int cursor;
    private int lastBatchSize;
    private DataSetPreProcessor preProcessor;

    ShuffledBatches(int samples, int batchSize, Random shuffle) {
        if (samples < 1 || batchSize < 1) {
            throw new IllegalArgumentException("need samples and batch size >= 1, got " + samples + " and "
                    + batchSize);
        }
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.order = new int[samples];
        for (int i = 0; i < samples; i++) {
            order[i] = i;
        }
    }

    /** The samples {@code idx[from, to)} as one minibatch. */
    abstract DataSet build(int[] idx, int from, int to);

    /** Number of samples per epoch. */
    final int samples() {
        return order.length;
    }

    /** All samples in order as one DataSet. */
    final DataSet all() {
        int[] idx = new int[order.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        return preProcessed(build(idx, 0, idx.length));
    }

    @Override
    public final boolean hasNext() {
        return cursor < order.length;
    }

    @Override
    public final DataSet next() {
        return next(batchSize);
    }

    @Override
    public final DataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int to = Math.min(order.length, cursor + num);
        DataSet ds = preProcessed(build(order, cursor, to));
        lastBatchSize = to - cursor;
        cursor = to;
        return ds;
    }

    /** The number of samples in the minibatch {@link #next} returned last (0 before the first). */
    final int lastBatchSize() {
        return lastBatchSize;
    }

    @Override
    public final void reset() {
        cursor = 0;
        if (shuffle != null) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = shuffle.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
    }

    private DataSet preProcessed(DataSet ds) {
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    @Override
    public final boolean resetSupported() {
        return true;
    }

    @Override
    public final boolean asyncSupported() {
        return false;
    }

    @Override
    public final int batch() {
        return batchSize;
    }

    @Override
    public final void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public final DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public final List<String> getLabels() {
        return null;
    }
}
