package com.lstmautoml.core.training;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How well a character-level network predicts a slice of a text, in bits per character: the mean of
 * {@code -log2 P(next character)}. The slice is cut into segments of {@link #SEGMENT} characters scored side by side
 * as one minibatch; each segment is read after the {@code context} characters before it, as the network would have
 * read them, so no character is predicted from nothing.
 */
final class CharScores {

    /** Characters per scored segment. */
    static final int SEGMENT = 256;
    /** Most segments per forward pass. */
    private static final int ROWS = 64;
    /** Most one-hot values per forward pass (64 MB of floats): fewer rows for a large vocabulary. */
    private static final long CELLS = 16L * 1024 * 1024;

    private CharScores() {
    }

    /**
     * Bits per character of {@code symbols[from, to)}.
     *
     * @param context characters read before each segment (at least 1; fewer at the start of the text)
     */
    static double bitsPerCharacter(MultiLayerNetwork net, int[] symbols, int from, int to, int vocabulary,
                                   int context) {
        if (from < 1 || from >= to || context < 1) {
            throw new IllegalArgumentException("need 1 <= from < to and a context of at least 1, got [" + from + ", "
                    + to + ") and " + context);
        }
        int segments = (to - from + SEGMENT - 1) / SEGMENT;
        int steps = context + SEGMENT;
        int perPass = (int) Math.max(1, Math.min(ROWS, CELLS / ((long) vocabulary * steps)));
        double bits = 0;
        for (int first = 0; first < segments; first += perPass) {
            int rows = Math.min(perPass, segments - first);
            float[] f = new float[rows * vocabulary * steps];
            float[] mask = new float[rows * steps];
            int[] rowStart = new int[rows];
            int[] segStart = new int[rows];
            int[] segEnd = new int[rows];
            for (int r = 0; r < rows; r++) {
                int s = from + (first + r) * SEGMENT;
                int e = Math.min(to, s + SEGMENT);
                int w = Math.min(context, s);
                rowStart[r] = s - w;
                segStart[r] = s;
                segEnd[r] = e;
                // the row reads symbols [s - w, e - 2]: its last input predicts the segment's last character
                for (int t = 0; t < e - 1 - (s - w); t++) {
                    f[(r * vocabulary + symbols[s - w + t]) * steps + t] = 1f;
                    mask[r * steps + t] = 1f;
                }
            }
            DataType type = net.getLayerWiseConfigurations().getDataType();
            INDArray features = Nd4j.create(f, new long[]{rows, vocabulary, steps}).castTo(type);
            INDArray featureMask = Nd4j.create(mask, new long[]{rows, steps}).castTo(type);
            INDArray out = net.output(features, false, featureMask, null).castTo(DataType.FLOAT).dup('c');
            float[] p = out.data().asFloat();
            for (int r = 0; r < rows; r++) {
                for (int pos = segStart[r]; pos < segEnd[r]; pos++) {
                    int t = pos - 1 - rowStart[r];
                    double prob = p[(r * vocabulary + symbols[pos]) * steps + t];
                    bits -= Math.log(Math.max(prob, 1e-30)) / Math.log(2);
                }
            }
        }
        return bits / (to - from);
    }
}
