package com.lstmautoml.core.baselines;

import com.lstmautoml.core.text.TextCorpus;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CharNGramBaselineTest {

    @Test
    void probabilitiesSumToOneInEveryContext() {
        Random r = new Random(1);
        int v = 6;
        int[] text = new int[400];
        for (int i = 0; i < text.length; i++) {
            text[i] = 1 + (i % 3 == 0 ? r.nextInt(5) : (text[Math.max(0, i - 1)] % 5));
        }
        for (int order = 1; order <= 5; order++) {
            CharNGramBaseline m = CharNGramBaseline.fit(text, 0, 300, v, order);
            for (int i = 300; i < 340; i++) {
                int[] probe = text.clone();
                double sum = 0;
                for (int w = 0; w < v; w++) {
                    probe[i] = w;
                    double p = m.probability(probe, 0, i);
                    // rule: every symbol, the unknown (0, never seen in training) included, is possible
                    assertThat(p).isPositive();
                    sum += p;
                }
                // rule: a distribution over the vocabulary in every context, seen or not
                assertThat(sum).as("order %d at %d", order, i).isCloseTo(1.0, within(1e-9));
            }
        }
    }

    @Test
    void unigramModelMatchesTheFormulaByHand() {
        // "aab" repeated: counts a 2/3, b 1/3 of the training text; V = 3 (unknown, a, b)
        int[] text = new int[90];
        for (int i = 0; i < text.length; i++) {
            text[i] = i % 3 == 2 ? 2 : 1;
        }
        CharNGramBaseline m = CharNGramBaseline.fit(text, 0, 60, 3, 1);
        // unigram counts 40 and 20, each count seen once (n1 = 0, n2 = 0): the default discount 0.75
        double d = 0.75;
        double pa = (40 - d) / 60 + d * 2 / 60 / 3;
        double pb = (20 - d) / 60 + d * 2 / 60 / 3;
        double expected = -(20 * Math.log(pa) + 10 * Math.log(pb)) / Math.log(2) / 30;
        // rule: bits per character is the mean of -log2 P over the scored slice
        assertThat(m.bitsPerCharacter(text, 60, 90)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void higherOrdersLearnRepeatedTextAndRandomTextStaysNearUniform() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            b.append("the cat sat on the mat. ");
        }
        TextCorpus repeated = TextCorpus.of(b.toString());
        int[] s = repeated.symbols();
        int v = repeated.vocabulary().size();
        double bpc1 = CharNGramBaseline.fit(s, 0, repeated.trainEnd(), v, 1)
                .bitsPerCharacter(s, repeated.trainEnd(), repeated.validationEnd());
        double bpc5 = CharNGramBaseline.fit(s, 0, repeated.trainEnd(), v, 5)
                .bitsPerCharacter(s, repeated.trainEnd(), repeated.validationEnd());
        // rule: context helps on text with structure: order 5 predicts a repeated sentence almost surely
        assertThat(bpc5).isLessThan(0.2).isLessThan(bpc1);

        Random r = new Random(7);
        int[] noise = new int[20_000];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = 1 + r.nextInt(16);
        }
        double bpcNoise = CharNGramBaseline.fit(noise, 0, 16_000, 17, 3).bitsPerCharacter(noise, 16_000, 20_000);
        // rule: uniform random symbols cost about log2(16) = 4 bits, a little more for the sparse contexts
        assertThat(bpcNoise).isBetween(4.0, 4.6);
    }
}
