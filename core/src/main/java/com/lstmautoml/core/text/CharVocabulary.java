package com.lstmautoml.core.text;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The characters a model knows: index 0 is {@link #UNKNOWN}, then the training slice's characters seen at least
 * {@link #MIN_COUNT} times (at most {@link #MAX_SIZE} of them, the most frequent), in ascending code point order. Every
 * other character is the unknown one, in training too, so a model learns how often unknown characters come and does
 * not pay an unbounded price for one in the validation or test text. A model's input and output have
 * {@link #size()} classes.
 */
public final class CharVocabulary {

    /** The index of every character outside the vocabulary. */
    public static final int UNKNOWN = 0;
    /** Fewest occurrences in the training slice for a character of its own. */
    public static final int MIN_COUNT = 2;
    /** Most characters of their own (a one-hot input and a softmax over this many, per step of every sequence). */
    public static final int MAX_SIZE = 300;

    private final int[] codePoints;
    private final Map<Integer, Integer> index = new HashMap<>();

    private CharVocabulary(int[] codePoints) {
        this.codePoints = codePoints;
        for (int i = 1; i < codePoints.length; i++) {
            index.put(codePoints[i], i);
        }
    }

    /** The vocabulary of {@code text[from, to)}. */
    public static CharVocabulary fit(int[] text, int from, int to) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = from; i < to; i++) {
            counts.merge(text[i], 1, Integer::sum);
        }
        TreeSet<Integer> kept = new TreeSet<>();
        counts.entrySet().stream().filter(e -> e.getValue() >= MIN_COUNT)
                .sorted((a, b) -> b.getValue() - a.getValue()).limit(MAX_SIZE)
                .forEach(e -> kept.add(e.getKey()));
        int[] cps = new int[kept.size() + 1];
        cps[0] = -1;
        int i = 1;
        for (int cp : kept) {
            cps[i++] = cp;
        }
        return new CharVocabulary(cps);
    }

    /** A stored vocabulary: its characters in index order, without the unknown. */
    public static CharVocabulary of(String characters) {
        int[] known = characters.codePoints().toArray();
        int[] cps = new int[known.length + 1];
        cps[0] = -1;
        System.arraycopy(known, 0, cps, 1, known.length);
        return new CharVocabulary(cps);
    }

    /** Number of classes, the unknown included. */
    public int size() {
        return codePoints.length;
    }

    /** The known characters in index order (1, 2, ...), as a string: what an export stores. */
    public String characters() {
        return new String(codePoints, 1, codePoints.length - 1);
    }

    /** The index of a code point; {@link #UNKNOWN} when it is not in the vocabulary. */
    public int indexOf(int codePoint) {
        return index.getOrDefault(codePoint, UNKNOWN);
    }

    /** The code point at an index; U+FFFD (the replacement character) for {@link #UNKNOWN}. */
    public int codePoint(int i) {
        return i == UNKNOWN ? 0xFFFD : codePoints[i];
    }

    /** Every code point's index. */
    public int[] encode(int[] text) {
        int[] out = new int[text.length];
        for (int i = 0; i < text.length; i++) {
            out[i] = indexOf(text[i]);
        }
        return out;
    }

    /** The characters of indices, as a string. */
    public String decode(int[] symbols) {
        StringBuilder b = new StringBuilder(symbols.length);
        for (int s : symbols) {
            b.appendCodePoint(codePoint(s));
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CharVocabulary v && Arrays.equals(codePoints, v.codePoints);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(codePoints);
    }
}
