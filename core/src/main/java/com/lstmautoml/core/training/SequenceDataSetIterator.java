package com.lstmautoml.core.training;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/**
 * Minibatches of consecutive chunks of a text for a character-level network: the symbols {@code [from, to)} are cut
 * into chunks of {@code length} characters (the last, shorter chunk is dropped), each with its next characters as
 * labels; features {@code [mb, V, length]} and labels {@code [mb, V, length]} one-hot (NCW). The chunk order and its
 * reshuffling are {@link ShuffledBatches}'.
 */
final class SequenceDataSetIterator extends ShuffledBatches {

    private final int[] symbols;
    private final int from;
    private final int length;
    private final int vocabulary;
    private final DataType dataType;

    /**
     * @param symbols    the whole text as vocabulary indices
     * @param from       the first character of the slice
     * @param to         the end of the slice (exclusive); the label of the slice's last character is not read
     * @param length     characters per chunk
     * @param vocabulary the number of classes
     */
    SequenceDataSetIterator(int[] symbols, int from, int to, int length, int vocabulary, int batchSize,
                            DataType dataType, Random shuffle) {
        super(chunks(from, to, length), batchSize, shuffle);
        this.symbols = symbols;
        this.from = from;
        this.length = length;
        this.vocabulary = vocabulary;
        this.dataType = dataType;
    }

    private static int chunks(int from, int to, int length) {
        if (length < 1 || (to - from - 1) / length < 1) {
            throw new IllegalArgumentException("need at least one chunk of " + length + " characters in "
                    + (to - from));
        }
        return (to - from - 1) / length;
    }

    /** Number of chunks per epoch. */
    int chunks() {
        return samples();
    }

    @Override
    DataSet build(int[] idx, int first, int end) {
        int mb = end - first;
        float[] f = new float[mb * vocabulary * length];
        float[] l = new float[mb * vocabulary * length];
        for (int b = 0; b < mb; b++) {
            int start = from + idx[first + b] * length;
            for (int t = 0; t < length; t++) {
                // NCW: [b][class][t]
                f[(b * vocabulary + symbols[start + t]) * length + t] = 1f;
                l[(b * vocabulary + symbols[start + t + 1]) * length + t] = 1f;
            }
        }
        return new DataSet(Nd4j.create(f, new long[]{mb, vocabulary, length}).castTo(dataType),
                Nd4j.create(l, new long[]{mb, vocabulary, length}).castTo(dataType));
    }

    @Override
    public int inputColumns() {
        return vocabulary;
    }

    @Override
    public int totalOutcomes() {
        return vocabulary;
    }
}
