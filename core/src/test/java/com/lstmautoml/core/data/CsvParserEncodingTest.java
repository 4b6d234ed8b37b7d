package com.lstmautoml.core.data;

import com.lstmautoml.core.validation.ValidationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link CsvParser#decodeUtf8} (strict UTF-8, naming the offset of the first bad byte) and the column name cap. */
class CsvParserEncodingTest {

    @Test
    void validUtf8IsDecodedAsIs() {
        String text = "\uFEFFZeit,Größe,€,\uD83D\uDE00\n1,2,3,4\n";
        assertThat(CsvParser.decodeUtf8(text.getBytes(StandardCharsets.UTF_8), "body")).isEqualTo(text);
        assertThat(CsvParser.decodeUtf8(new byte[0], "body")).isEmpty();
        assertThat(CsvParser.decodeUtf8(null, "body")).isEmpty();
    }

    @Test
    void theFirstInvalidByteIsNamedByItsOffset() {
        byte[] latin1 = "t,Größe\n1,2\n".getBytes(StandardCharsets.ISO_8859_1); // ö is 0xF6 at offset 4
        assertThatThrownBy(() -> CsvParser.decodeUtf8(latin1, "file")).isInstanceOf(ValidationException.class)
                .satisfies(e -> {
                    var error = ((ValidationException) e).errors().get(0);
                    assertThat(error.field()).isEqualTo("file");
                    assertThat(error.message()).contains("offset 4 ").contains("line 1").contains("0xF6");
                });
        // a truncated sequence at the end, an overlong encoding, a lone surrogate, a stray continuation byte
        assertOffset(new byte[]{'a', '\n', 'b', (byte) 0xE2, (byte) 0x82}, 3, "line 2");
        assertOffset(new byte[]{'a', (byte) 0xC0, (byte) 0xAF}, 1, "line 1");
        assertOffset(new byte[]{'a', 'b', (byte) 0xED, (byte) 0xA0, (byte) 0x80}, 2, "line 1");
        assertOffset(new byte[]{(byte) 0x80, 'a'}, 0, "line 1");
    }

    private static void assertOffset(byte[] bytes, int offset, String line) {
        assertThatThrownBy(() -> CsvParser.decodeUtf8(bytes, "body")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("offset " + offset + " ").hasMessageContaining(line);
    }

    @Test
    void columnNamesAreCappedAt200Characters() {
        String ok = "c".repeat(CsvParser.MAX_COLUMN_NAME);
        assertThat(new CsvParser().parse("t," + ok + "\n1,2\n").columns()).containsOnlyKeys(ok);
        assertThatThrownBy(() -> new CsvParser().parse("t," + ok + "c\n1,2\n"))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> {
                    var error = ((ValidationException) e).errors().get(0);
                    assertThat(error.field()).isEqualTo("header, column 2");
                    assertThat(error.message()).contains("201 characters").contains("200").hasSizeLessThan(300);
                });
        assertThatThrownBy(() -> new CsvParser().parse("t".repeat(3000) + ",v\n1,2\n"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("header, column 1");
    }
}
