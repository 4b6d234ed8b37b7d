package com.lstmautoml.core.text;

import com.lstmautoml.core.validation.ValidationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextCorpusTest {

    @Test
    void slicesByPositionAndFitsTheVocabularyOnTrainingTextOnly() {
        // 80 'a' then 10 'b' then 10 'c' plus an emoji in the test slice
        String text = "a".repeat(80) + "b".repeat(10) + "c".repeat(9) + "\uD83D\uDE00";
        TextCorpus c = TextCorpus.of(text);
        // rule: a character is a code point, so the emoji counts once
        assertThat(c.length()).isEqualTo(100);
        // rule: 80 % / 10 % / 10 % by position
        assertThat(c.trainEnd()).isEqualTo(80);
        assertThat(c.validationEnd()).isEqualTo(90);
        // rule: the vocabulary knows only the training slice's characters; the rest are unknown
        assertThat(c.vocabulary().size()).isEqualTo(2);
        assertThat(c.symbols()[85]).isEqualTo(CharVocabulary.UNKNOWN);
        assertThat(c.vocabulary().decode(new int[] {1, 0})).isEqualTo("a\uFFFD");
        // rule: a character seen once in training is rare: the unknown one too, so models learn how often that comes
        TextCorpus rare = TextCorpus.of("ab".repeat(39) + "xc" + "b".repeat(20));
        assertThat(rare.vocabulary().indexOf('x')).isEqualTo(CharVocabulary.UNKNOWN);
        assertThat(rare.vocabulary().indexOf('a')).isNotEqualTo(CharVocabulary.UNKNOWN);
        // rule: a stored vocabulary reads back equal
        assertThat(CharVocabulary.of(c.vocabulary().characters())).isEqualTo(c.vocabulary());
    }

    @Test
    void invalidEmptyOrShortTextIsRefusedWithWhatToDo() {
        byte[] latin1 = "caf\u00e9 ".repeat(40).getBytes(StandardCharsets.ISO_8859_1);
        // rule: bytes that are not UTF-8 are a field error naming the encoding and where it broke
        assertThatThrownBy(() -> TextCorpus.decode(latin1, "file")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("not valid UTF-8").hasMessageContaining("the bytes at 3 are not a character");
        assertThatThrownBy(() -> TextCorpus.decode(new byte[0], "file")).hasMessageContaining("empty");
        assertThatThrownBy(() -> TextCorpus.of("short")).hasMessageContaining("at least 100");
        // rule: a byte order mark opening the file is not a character of the text
        byte[] withBom = ("\uFEFF\uFEFF" + "x".repeat(100)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        TextCorpus decoded = TextCorpus.decode(withBom, "file");
        assertThat(decoded.length()).isEqualTo(101);
        // a decoded text read back as stored keeps every character it was counted with (the second U+FEFF)
        assertThat(TextCorpus.of(decoded.text()).length()).isEqualTo(101);
        assertThat(TextCorpus.of(decoded.text()).vocabulary()).isEqualTo(decoded.vocabulary());
    }
}
