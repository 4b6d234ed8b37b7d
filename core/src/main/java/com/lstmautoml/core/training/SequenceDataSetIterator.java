package com.lstmautoml.core.training;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Minibatches of consecutive chunks of a text for a character-level network: the symbols {@code [from, to)} are cut
 * into chunks of {@code length} characters (the last, shorter chunk is dropped), each with its next characters as
 * labels; features {@code [mb, V, length]} and labels {@code [mb, V, length]} one-hot (NCW). With a {@link Random},
 * the chunk order is reshuffled at every {@link #reset()}; synchronous only, so the order depends on the seed alone.
 */
final class SequenceDataSetIterator implements DataSetIterator {

    private final int[] symbols;
    private final int from;
    private final int length;
    private final int vocabulary;
    private final int batchSize;
    private final DataType dataType;
    private final Random shuffle;
    private final int[] order;
    private int cursor;
    private int lastBatchSize;
    private DataSetPreProcessor preProcessor;

    /**
     * @param symbols    the whole text as vocabulary indices
     * @param from       the first character of the slice
     * @param to         the end of the slice (exclusive); the label of the slice's last character is not read
     * @param length     characters per chunk
     * @param vocabulary the number of classes
     */
    SequenceDataSetIterator(int[] symbols, int from, int to, int length, int vocabulary, int batchSize,
                            DataType dataType, Random shuffle) {
        int chunks = (to - from - 1) / length;
        if (length < 1 || batchSize < 1 || chunks < 1) {
            throw new IllegalArgumentException("need a chunk length and batch size >= 1 and at least one chunk of "
                    + length + " characters in " + (to - from));
        }
        this.symbols = symbols;
        this.from = from;
        this.length = length;
        this.vocabulary = vocabulary;
        this.batchSize = batchSize;
        this.dataType = dataType;
        this.shuffle = shuffle;
        this.order = new int[chunks];
        for (int i = 0; i < chunks; i++) {
            order[i] = i;
        }
    }

    /** Number of chunks per epoch. */
    int chunks() {
        return order.length;
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
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
        int to = Math.min(order.length, cursor + num);
        int mb = to - cursor;
        float[] f = new float[mb * vocabulary * length];
        float[] l = new float[mb * vocabulary * length];
        for (int b = 0; b < mb; b++) {
            int start = from + order[cursor + b] * length;
            for (int t = 0; t < length; t++) {
                // NCW: [b][class][t]
                f[(b * vocabulary + symbols[start + t]) * length + t] = 1f;
                l[(b * vocabulary + symbols[start + t + 1]) * length + t] = 1f;
            }
        }
        DataSet ds = new DataSet(Nd4j.create(f, new long[]{mb, vocabulary, length}).castTo(dataType),
                Nd4j.create(l, new long[]{mb, vocabulary, length}).castTo(dataType));
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        lastBatchSize = mb;
        cursor = to;
        return ds;
    }

    /** The number of chunks in the minibatch {@link #next} returned last (0 before the first). */
    int lastBatchSize() {
        return lastBatchSize;
    }

    @Override
    public void reset() {
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

    @Override
    public int inputColumns() {
        return vocabulary;
    }

    @Override
    public int totalOutcomes() {
        return vocabulary;
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
