package com.lstmautoml.core.text;

import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A text dataset for character-level generation: UTF-8 decoded strictly into Unicode code points (a character is a
 * code point, so an emoji is one character), split by position into training (the first 80 %), validation (the next
 * 10 %) and test (the rest) slices, and a {@link CharVocabulary} fitted on the training slice only: characters first
 * seen in the validation or test text (or rare in the training text) are {@linkplain CharVocabulary#UNKNOWN unknown}
 * to every model, so no model learns from the later slices and all are scored on the same symbols.
 */
public final class TextCorpus {

    /**
     * Largest text accepted, in bytes of UTF-8: 2 MiB, a long novel. An epoch of a character LSTM reads the whole
     * training slice, and the n-gram baseline's tables grow with the text.
     */
    public static final int MAX_BYTES = 2 * 1024 * 1024;
    /**
     * Fewest characters a text needs: its slices then hold at least 10 characters to score. Whether the training
     * slice holds enough sequences of the lengths a search tries is {@link #sequenceProblem}'s question.
     */
    public static final int MIN_CHARS = 100;
    /** Fewest training sequences of the longest length searched. */
    public static final int MIN_SEQUENCES = 10;
    /** Fraction of the characters in the training slice; {@link #VALIDATION_FRACTION} follow, the rest is test. */
    public static final double TRAIN_FRACTION = 0.8;
    public static final double VALIDATION_FRACTION = 0.1;

    private final int[] codePoints;
    private final int trainEnd;
    private final int validationEnd;
    private final CharVocabulary vocabulary;

    private TextCorpus(int[] codePoints) {
        this.codePoints = codePoints;
        this.trainEnd = trainEnd(codePoints.length);
        this.validationEnd = validationEnd(codePoints.length);
        this.vocabulary = CharVocabulary.fit(codePoints, 0, trainEnd);
    }

    /**
     * Decodes and splits a text.
     *
     * @param field the request field reported in errors, e.g. {@code file}
     * @throws ValidationException when the bytes are not UTF-8, too many, or too few characters
     */
    public static TextCorpus decode(byte[] utf8, String field) {
        if (utf8.length > MAX_BYTES) {
            throw new ValidationException(List.of(new FieldError(field, "the text has " + utf8.length
                    + " bytes, at most " + MAX_BYTES + " are accepted: upload a shorter text")));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw new ValidationException(List.of(new FieldError(field, "the text is not valid UTF-8 (the bytes at "
                    + firstInvalid(utf8) + " are not a character): save it as UTF-8 and upload it again")));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte order mark is not part of the text
        }
        return checked(text, field);
    }

    /** The corpus of a decoded text, refused when it holds NUL or too few characters. */
    private static TextCorpus checked(String text, String field) {
        int nul = text.indexOf('\u0000');
        if (nul >= 0) {
            throw new ValidationException(List.of(new FieldError(field, "the text holds the NUL character (U+0000)"
                    + " at character " + text.codePointCount(0, nul) + ", which a text dataset cannot store: it is"
                    + " likely a binary file; upload plain UTF-8 text")));
        }
        int[] cps = text.codePoints().toArray();
        if (cps.length < MIN_CHARS) {
            throw new ValidationException(List.of(new FieldError(field, cps.length == 0 ? "the text is empty"
                    : "the text has " + cps.length + " characters, at least " + MIN_CHARS + " are needed")));
        }
        return new TextCorpus(cps);
    }

    /**
     * A corpus of a text already in memory, exactly as given (a stored dataset's, a bench's, a test's): unlike
     * {@link #decode}, a leading U+FEFF is a character here, so a stored text reads back with the characters it was
     * counted with.
     *
     * @throws ValidationException when it holds NUL or too few characters
     */
    public static TextCorpus of(String text) {
        return checked(text, "text");
    }

    /** Where the validation slice of a text of {@code length} characters starts. */
    public static int trainEnd(int length) {
        return (int) Math.round(length * TRAIN_FRACTION);
    }

    /** Where the test slice of a text of {@code length} characters starts. */
    public static int validationEnd(int length) {
        return (int) Math.round(length * (TRAIN_FRACTION + VALIDATION_FRACTION));
    }

    /** Number of characters (code points). */
    public int length() {
        return codePoints.length;
    }

    /** First character of the validation slice: the training slice is {@code [0, trainEnd)}. */
    public int trainEnd() {
        return trainEnd;
    }

    /** First character of the test slice: the validation slice is {@code [trainEnd, validationEnd)}. */
    public int validationEnd() {
        return validationEnd;
    }

    /**
     * What is wrong with searching sequences up to {@code maxSequenceLength} characters on this text (null when
     * nothing): its training slice must hold {@link #MIN_SEQUENCES} of them.
     */
    public String sequenceProblem(int maxSequenceLength) {
        return sequenceProblem(codePoints.length, maxSequenceLength);
    }

    /** {@link #sequenceProblem(int)} of a text of {@code length} characters, read without its content. */
    public static String sequenceProblem(int length, int maxSequenceLength) {
        int trainEnd = trainEnd(length);
        int sequences = (trainEnd - 1) / maxSequenceLength;
        return sequences >= MIN_SEQUENCES ? null : "the training slice (" + trainEnd + " characters, the first 80 %)"
                + " holds " + sequences + " sequences of " + maxSequenceLength + " characters, at least "
                + MIN_SEQUENCES + " are needed: search shorter sequences or upload a longer text";
    }

    /** The vocabulary of the training slice. */
    public CharVocabulary vocabulary() {
        return vocabulary;
    }

    /** The whole text as vocabulary indices (unknown characters as {@link CharVocabulary#UNKNOWN}). */
    public int[] symbols() {
        return vocabulary.encode(codePoints);
    }

    /** The whole text, as decoded (a leading byte-order mark dropped). */
    public String text() {
        return new String(codePoints, 0, codePoints.length);
    }

    /** Characters of {@link #sampleSeed()} at most. */
    public static final int SAMPLE_SEED_LENGTH = 40;

    /**
     * The seed of the samples a completed trial shows: the text's first line, at most {@link #SAMPLE_SEED_LENGTH}
     * characters of it, so every trial of an experiment continues the same familiar start.
     */
    public String sampleSeed() {
        return sampleSeed(text(0, Math.min(SAMPLE_SEED_LENGTH, trainEnd)));
    }

    /** {@link #sampleSeed()} of a text that starts with {@code start}. */
    public static String sampleSeed(String start) {
        int[] cps = start.codePoints().limit(SAMPLE_SEED_LENGTH).toArray();
        int end = cps.length;
        for (int i = 1; i < end; i++) {
            if (cps[i] == '\n') {
                end = i + 1;
                break;
            }
        }
        return new String(cps, 0, end);
    }

    /** The characters {@code [from, to)} as a string. */
    public String text(int from, int to) {
        return new String(codePoints, from, to - from);
    }

    /** Byte offset of the first malformed sequence (for the message). */
    private static int firstInvalid(byte[] utf8) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(utf8);
        var out = java.nio.CharBuffer.allocate(utf8.length + 1);
        var result = decoder.decode(in, out, true);
        return result.isError() ? in.position() : -1;
    }
}
