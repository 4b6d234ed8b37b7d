package com.lstmautoml.backend.testing;

import java.util.Random;

/** Made-up prose for text datasets in tests: a few words, an accented letter and an emoji, some line breaks. */
public final class Prose {

    private Prose() {
    }

    /** {@code characters} code points of it; the emoji is 4 bytes of UTF-8 and 1 character. */
    public static String of(int characters, long seed) {
        String[] words = {"the", "cat", "sat", "on", "a", "mat", "and", "café", "dog", "ran", "far", "🙂", "it", "was"};
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder();
        while (b.codePointCount(0, b.length()) < characters) {
            b.append(words[r.nextInt(words.length)]).append(r.nextInt(9) == 0 ? ".\n" : " ");
        }
        return b.substring(0, b.offsetByCodePoints(0, characters));
    }
}
