package com.lstmautoml.core.baselines;

import com.lstmautoml.core.text.TextCorpus;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;

/**
 * The classical reference a character-level LSTM has to beat: an interpolated Kneser-Ney character n-gram model
 * (Chen and Goodman 1998, "An empirical study of smoothing techniques for language modeling", section 2.7), fitted on
 * the training slice only and scored in bits per character.
 *
 * <p>The highest order counts the n-grams of the training text; each lower order counts continuations: how many
 * different characters precede a (k)-gram, which is what makes "Francisco" unlikely after anything but "San". Every
 * order takes an absolute discount {@code D = n1 / (n1 + 2 n2)} from its counts ({@code n1}, {@code n2}: the number
 * of k-grams counted once and twice) and gives it to the next lower order, down to the uniform distribution over the
 * vocabulary, so every symbol, the unknown one included, has a probability above zero:
 * <pre>
 *   P_k(w | h) = max(c_k(h w) - D_k, 0) / c_k(h) + D_k N1+(h .) / c_k(h) * P_(k-1)(w | h')     (c_k(h) > 0)
 *   P_k(w | h) = P_(k-1)(w | h')                                                               (h never seen)
 *   P_0(w)     = 1 / V
 * </pre>
 * Written by hand: Commons Math and the other libraries of this build have no language models.
 */
public final class CharNGramBaseline {

    /** The baseline's name beside an experiment's ranking. */
    public static final String NAME = "character n-gram";

    /** Orders the service tries; the one with the lowest validation bits per character is kept. */
    public static final int MIN_ORDER = 3;
    public static final int MAX_ORDER = 5;

    private final int order;
    private final int vocabulary;
    /** Per order k (index k - 1): the count (highest order) or continuation count (lower orders) of each k-gram. */
    private final Long2IntOpenHashMap[] counts;
    /** Per order k: for each context (k - 1 symbols), its total count and its number of distinct followers. */
    private final Long2LongOpenHashMap[] totals;
    private final Long2IntOpenHashMap[] followers;
    private final double[] discounts;

    /**
     * The baseline of a text: the order of {@link #MIN_ORDER} to {@link #MAX_ORDER} with the lowest validation bits
     * per character, fitted on the training slice, with its validation and test scores.
     */
    public static Scored select(TextCorpus corpus) {
        int[] s = corpus.symbols();
        int v = corpus.vocabulary().size();
        Scored best = null;
        for (int order = MIN_ORDER; order <= MAX_ORDER; order++) {
            CharNGramBaseline m = fit(s, 0, corpus.trainEnd(), v, order);
            double val = m.bitsPerCharacter(s, corpus.trainEnd(), corpus.validationEnd());
            if (best == null || val < best.validation()) {
                best = new Scored(order, val, m.bitsPerCharacter(s, corpus.validationEnd(), corpus.length()));
            }
        }
        return best;
    }

    /** The selected baseline's order and its bits per character on the validation and test slices. */
    public record Scored(int order, double validation, double test) {

        /** The fitted form, in words. */
        public String description() {
            return "Kneser-Ney smoothed character " + order + "-gram model, fitted on the training slice (order "
                    + MIN_ORDER + " to " + MAX_ORDER + " chosen on validation)";
        }
    }

    private CharNGramBaseline(int order, int vocabulary) {
        this.order = order;
        this.vocabulary = vocabulary;
        this.counts = new Long2IntOpenHashMap[order];
        this.totals = new Long2LongOpenHashMap[order];
        this.followers = new Long2IntOpenHashMap[order];
        this.discounts = new double[order];
        for (int k = 0; k < order; k++) {
            counts[k] = new Long2IntOpenHashMap();
            totals[k] = new Long2LongOpenHashMap();
            followers[k] = new Long2IntOpenHashMap();
        }
    }

    /**
     * Fits the model on {@code symbols[from, to)}.
     *
     * @param symbols    the text as vocabulary indices in {@code [0, vocabulary)}
     * @param vocabulary the number of symbols, the unknown one included
     * @param order      the n-gram order, {@link #MIN_ORDER} to {@link #MAX_ORDER} (1 and 2 work too)
     */
    public static CharNGramBaseline fit(int[] symbols, int from, int to, int vocabulary, int order) {
        if (order < 1 || order > MAX_ORDER) {
            throw new IllegalArgumentException("order must be 1 to " + MAX_ORDER + ", got " + order);
        }
        if (Math.pow(vocabulary, order) >= Long.MAX_VALUE / 2) {
            throw new IllegalArgumentException(vocabulary + " symbols are too many for order " + order);
        }
        CharNGramBaseline m = new CharNGramBaseline(order, vocabulary);
        // the highest order: counts of every n-gram of the training text (shorter ones at its start are left out)
        LongOpenHashSet[] seen = new LongOpenHashSet[order];
        for (int k = 0; k < order; k++) {
            seen[k] = new LongOpenHashSet();
        }
        for (int i = from; i < to; i++) {
            for (int k = 1; k <= order && i - k + 1 >= from; k++) {
                long gram = m.key(symbols, i - k + 1, i + 1);
                if (k == order) {
                    m.counts[k - 1].addTo(gram, 1);
                }
                seen[k - 1].add(gram);
            }
        }
        // lower orders: the continuation count of a k-gram is the number of distinct (k+1)-grams ending in it
        for (int k = order - 1; k >= 1; k--) {
            long radix = m.radix(k);
            for (long longer : seen[k]) {
                m.counts[k - 1].addTo(longer % radix, 1);
            }
        }
        for (int k = 1; k <= order; k++) {
            int n1 = 0;
            int n2 = 0;
            for (var e : m.counts[k - 1].long2IntEntrySet()) {
                int c = e.getIntValue();
                n1 += c == 1 ? 1 : 0;
                n2 += c == 2 ? 1 : 0;
                long context = e.getLongKey() / m.vocabulary;
                m.totals[k - 1].addTo(context, c);
                m.followers[k - 1].addTo(context, 1);
            }
            double d = n1 + 2.0 * n2 == 0 ? 0.75 : n1 / (n1 + 2.0 * n2);
            m.discounts[k - 1] = Math.min(0.95, Math.max(0.05, d));
        }
        return m;
    }

    public int order() {
        return order;
    }

    /** P(symbols[i] | the up to order - 1 symbols before it, from {@code start} on). */
    public double probability(int[] symbols, int start, int i) {
        double p = 1.0 / vocabulary;
        int w = symbols[i];
        for (int k = 1; k <= order && i - k + 1 >= start; k++) {
            long context = k == 1 ? 0 : key(symbols, i - k + 1, i);
            long total = totals[k - 1].get(context);
            if (total == 0) {
                continue; // this context was never seen: all its mass stays with the lower order
            }
            int c = counts[k - 1].get(context * vocabulary + w);
            double d = discounts[k - 1];
            p = Math.max(c - d, 0) / total + d * followers[k - 1].get(context) / total * p;
        }
        return p;
    }

    /**
     * Bits per character of {@code symbols[from, to)}: the mean of -log2 P(symbol | the symbols before it). The
     * context reaches back before {@code from} (validation text is read after the training text, as a model reading
     * the whole text would).
     */
    public double bitsPerCharacter(int[] symbols, int from, int to) {
        if (from >= to) {
            throw new IllegalArgumentException("no symbols to score in [" + from + ", " + to + ")");
        }
        double bits = 0;
        for (int i = from; i < to; i++) {
            bits -= Math.log(probability(symbols, 0, i)) / Math.log(2);
        }
        return bits / (to - from);
    }

    /** The symbols {@code [from, to)} as one number in base V. */
    private long key(int[] symbols, int from, int to) {
        long key = 0;
        for (int i = from; i < to; i++) {
            key = key * vocabulary + symbols[i];
        }
        return key;
    }

    /** V^k: a (k+1)-gram's key modulo this is the key of its last k symbols. */
    private long radix(int k) {
        long r = 1;
        for (int i = 0; i < k; i++) {
            r *= vocabulary;
        }
        return r;
    }
}
