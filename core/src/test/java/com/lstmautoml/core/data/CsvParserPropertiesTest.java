package com.lstmautoml.core.data;

import com.lstmautoml.core.testing.hostile.CsvFiles;
import com.lstmautoml.core.testing.hostile.HostileCsv;
import com.lstmautoml.core.testing.hostile.Verdicts;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile CSV files: the parser accepts, or explains every problem with a location and a message; an accepted table
 * respects the row and column caps and holds only finite numbers.
 */
class CsvParserPropertiesTest {

    static final int MAX_ROWS = 1_000;
    static final int MAX_COLUMNS = 100;

    private final CsvParser parser = new CsvParser(MAX_ROWS, MAX_COLUMNS);

    @Example
    void theValidFileIsAccepted() {
        assertThat(parser.parse(CsvFiles.validText(60)).rows()).isEqualTo(60);
    }

    @Example
    void anEnormousCellIsQuotedInAnExcerpt() {
        String csv = "time,y\n2000-01," + "7".repeat(1_000_000) + "\n2000-02,x" + "y".repeat(1_000_000) + "\n";
        com.lstmautoml.core.validation.ValidationException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                com.lstmautoml.core.validation.ValidationException.class, () -> parser.parse(csv));
        // was echoed whole: a 1 MB error message
        assertThat(e.getMessage()).hasSizeLessThan(1_000).contains("row 2, column y", "row 3, column y");
    }

    @Property(tries = 1000, shrinking = ShrinkingMode.OFF)
    void mutatedFilesAreAcceptedWithinTheCapsOrExplained(@ForAll("mutated") HostileCsv csv) {
        check(csv, null);
    }

    @Property(tries = 300, shrinking = ShrinkingMode.OFF)
    void aNamedTimeColumnToo(@ForAll("mutated") HostileCsv csv,
                             @ForAll("timeColumns") String timeColumn) {
        check(csv, timeColumn);
    }

    @Property(tries = 500, shrinking = ShrinkingMode.OFF)
    void randomTextIsExplained(@ForAll("random") HostileCsv csv) {
        check(csv, null);
    }

    private void check(HostileCsv csv, String timeColumn) {
        Verdicts.acceptOrExplain(csv, () -> parser.parse(new StringReader(csv.text()), timeColumn)).ifPresent(t -> {
            String why = "accepted " + csv;
            assertThat(t.rows()).as(why).isBetween(1, MAX_ROWS);
            assertThat(t.columns().size() + 1).as(why).isBetween(2, MAX_COLUMNS);
            assertThat(t.timeColumn()).as(why).isNotBlank();
            assertThat(t.columns().keySet()).as(why).allMatch(n -> !n.isBlank()).doesNotContain(t.timeColumn());
            assertThat(t.times()).as(why).allMatch(time -> !time.isEmpty());
            // PostgreSQL text cannot hold U+0000
            assertThat(t.times()).as(why).allMatch(time -> time.indexOf('\u0000') < 0);
            assertThat(t.columns().keySet()).as(why).allMatch(n -> n.indexOf('\u0000') < 0);
            assertThat(t.timeColumn()).as(why).doesNotContain("\u0000");
            t.columns().forEach((name, values) -> {
                for (double v : values) {
                    assertThat(Double.isFinite(v)).as(why + " column " + name).isTrue();
                }
            });
        });
    }

    @Provide
    Arbitrary<HostileCsv> mutated() {
        return CsvFiles.mutated(60);
    }

    @Provide
    Arbitrary<String> timeColumns() {
        return Arbitraries.of("time", "y", "x", " time ", "TIME", "", "nope", "\uFEFFtime");
    }

    @Provide
    Arbitrary<HostileCsv> random() {
        return CsvFiles.randomTexts();
    }
}
