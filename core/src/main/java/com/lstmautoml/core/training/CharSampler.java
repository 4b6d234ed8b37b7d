package com.lstmautoml.core.training;

import com.lstmautoml.core.text.CharVocabulary;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/**
 * New text from a character-level network, sampled statefully: the seed is read in one step sequence, then each
 * character is drawn from the network's distribution sharpened or flattened by the temperature
 * ({@code p_i^(1/T)}, renormalised: below 1 more likely characters, above 1 more surprises) and fed back as the next
 * input, the network's state carried from character to character ({@code rnnTimeStep}). The unknown character is
 * never drawn. Not thread-safe: a network's state is its own; callers sample one network from one thread at a time.
 */
public final class CharSampler {

    /** Longest sample a request may ask for. */
    public static final int MAX_LENGTH = 2000;
    /** Longest seed a request may give, in characters: the network reads it in one pass. */
    public static final int MAX_SEED_LENGTH = 1000;
    /** The temperatures of the samples a completed trial shows: conservative, as learned, adventurous. */
    public static final java.util.List<Double> TEMPERATURES = java.util.List.of(0.5, 1.0, 1.2);
    /** Characters of each of those samples. */
    public static final int SHOWN_LENGTH = 300;
    /** Highest temperature a request may ask for: above it the draws are close to uniform. */
    public static final double MAX_TEMPERATURE = 5.0;

    private final MultiLayerNetwork net;
    private final CharVocabulary vocabulary;

    public CharSampler(MultiLayerNetwork net, CharVocabulary vocabulary) {
        this.net = net;
        this.vocabulary = vocabulary;
    }

    /**
     * {@code length} characters following {@code seed}.
     *
     * @param seed        the text the sample continues (at least one character; characters outside the
     *                    vocabulary are read as the unknown one)
     * @param temperature greater than 0
     * @param random      the draws' source (seeded for a reproducible sample)
     */
    public String sample(String seed, int length, double temperature, Random random) {
        if (seed.isEmpty() || length < 0 || length > MAX_LENGTH || !(temperature > 0)) {
            throw new IllegalArgumentException("need a seed, a length of 0 to " + MAX_LENGTH
                    + " and a temperature above 0, got '" + seed + "', " + length + ", " + temperature);
        }
        int v = vocabulary.size();
        int[] seedSymbols = vocabulary.encode(seed.codePoints().toArray());
        net.rnnClearPreviousState();
        float[] f = new float[v * seedSymbols.length];
        for (int t = 0; t < seedSymbols.length; t++) {
            f[seedSymbols[t] * seedSymbols.length + t] = 1f;
        }
        DataType type = net.getLayerWiseConfigurations().getDataType();
        INDArray out = net.rnnTimeStep(Nd4j.create(f, new long[]{1, v, seedSymbols.length}).castTo(type));
        double[] p = lastStep(out, v);
        StringBuilder sample = new StringBuilder(length);
        float[] one = new float[v];
        for (int i = 0; i < length; i++) {
            int next = draw(p, temperature, random);
            sample.appendCodePoint(vocabulary.codePoint(next));
            java.util.Arrays.fill(one, 0f);
            one[next] = 1f;
            out = net.rnnTimeStep(Nd4j.create(one, new long[]{1, v, 1}).castTo(type));
            p = lastStep(out, v);
        }
        net.rnnClearPreviousState();
        return sample.toString();
    }

    /** The distribution at the last step of an output {@code [1, V, T]} (or {@code [1, V]}). */
    private static double[] lastStep(INDArray out, int v) {
        INDArray last = out.rank() == 3 ? out.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(out.size(2) - 1)) : out.getRow(0);
        return last.castTo(DataType.DOUBLE).toDoubleVector();
    }

    /** One index drawn from {@code p^(1/T)}, the unknown excluded. */
    static int draw(double[] p, double temperature, Random random) {
        double[] w = new double[p.length];
        double max = 0;
        for (int i = 1; i < p.length; i++) {
            max = Math.max(max, p[i]);
        }
        double total = 0;
        for (int i = 1; i < p.length; i++) {
            // relative to the largest, so small probabilities to a high power do not all underflow to 0
            w[i] = max > 0 ? Math.pow(p[i] / max, 1.0 / temperature) : 1.0;
            total += w[i];
        }
        double u = random.nextDouble() * total;
        int last = 1;
        for (int i = 1; i < p.length; i++) {
            if (w[i] > 0) {
                last = i;
                u -= w[i];
                if (u < 0) {
                    return i;
                }
            }
        }
        return last; // rounding left a sliver: the last character that had weight
    }
}
