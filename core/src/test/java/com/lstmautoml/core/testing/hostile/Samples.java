package com.lstmautoml.core.testing.hostile;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.sessions.JqwikSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Draws samples from an {@link Arbitrary} outside a jqwik property (jqwik's {@code @Property} does not run inside a
 * {@code @QuarkusTest}), reproducibly: the same seed gives the same samples.
 */
public final class Samples {

    /** jqwik's generation size: how large lists and strings may grow. */
    private static final int GEN_SIZE = 1000;

    private Samples() {
    }

    public static <T> List<T> draw(Arbitrary<T> arbitrary, long seed, int n) {
        List<T> out = new ArrayList<>(n);
        JqwikSession.start();
        try {
            RandomGenerator<T> generator = arbitrary.generator(GEN_SIZE);
            Random random = new Random(seed);
            for (int i = 0; i < n; i++) {
                out.add(generator.next(random).value());
            }
        } finally {
            JqwikSession.finish();
        }
        return out;
    }
}
