package com.lstmautoml.core.data;

import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CsvParserTest {

    private final CsvParser parser = new CsvParser();

    static Table airPassengers() throws Exception {
        try (Reader r = new InputStreamReader(CsvParserTest.class.getResourceAsStream("/datasets/airline-passengers.csv"),
                StandardCharsets.UTF_8)) {
            return new CsvParser().parse(r);
        }
    }

    private FieldError onlyError(String csv) {
        return onlyError(csv, null);
    }

    private FieldError onlyError(String csv, String timeColumn) {
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> parser.parse(csv, timeColumn));
        // rule: invalid CSV is a user-facing ValidationException, not a crash
        assertThat(e).as("expected a ValidationException for %s", csv).isNotNull();
        // rule: each problem is reported once, at its own field
        assertThat(e.errors()).hasSize(1);
        return e.errors().get(0);
    }

    @Test
    void bundledAirPassengersParses() throws Exception {
        Table t = airPassengers();
        // rule: the first column is the time column by default
        assertThat(t.timeColumn()).isEqualTo("Month");
        // rule: every data row becomes a table row
        assertThat(t.rows()).isEqualTo(144);
        // rule: values are parsed exactly
        assertThat(Arrays.stream(t.column("Passengers")).sum()).isEqualTo(40363.0);
        // rule: time labels are kept as text, in file order
        assertThat(t.times()).startsWith("1949-01").endsWith("1960-12");
    }

    @Test
    void handlesBomCrlfQuotesWhitespaceAndBlankLines() {
        String csv = "\uFEFF Date , \"Sales, EUR\" ,\"Temp \"\"C\"\"\"\r\n"
                + "2020-01, 1.5 ,\"2\"\r\n"
                + "\r\n"
                + "\"2020-02\",-3e2,  4.25  \r\n"
                + "\r\n  \r\n";
        Table t = parser.parse(csv);
        // rule: BOM and surrounding whitespace do not end up in names
        assertThat(t.timeColumn()).isEqualTo("Date");
        // rule: quoted names keep commas and doubled quotes
        assertThat(t.columns().keySet()).containsExactly("Sales, EUR", "Temp \"C\"");
        // rule: CRLF rows and blank lines (middle and trailing) are handled
        assertThat(t.rows()).isEqualTo(2);
        // rule: quoted and unquoted numbers parse
        assertThat(t.column("Sales, EUR")).containsExactly(1.5, -300.0);
        assertThat(t.column("Temp \"C\"")).containsExactly(2.0, 4.25);
        // rule: quoted time labels are unquoted
        assertThat(t.times()).containsExactly("2020-01", "2020-02");
    }

    @Test
    void namedTimeColumnMayBeAnywhere() {
        Table t = parser.parse(new StringReader("a,when,b\n1,t1,2\n3,t2,4\n"), "when");
        // rule: a named time column is taken out of the numeric columns
        assertThat(t.timeColumn()).isEqualTo("when");
        // rule: the other columns keep their order
        assertThat(t.columns().keySet()).containsExactly("a", "b");
        assertThat(t.column("b")).containsExactly(2.0, 4.0);
    }

    @Test
    void emptyInput() {
        FieldError e = onlyError("  \r\n\n");
        // rule: empty input names the dataset and asks for a header and rows
        assertThat(e.field()).isEqualTo("dataset");
        assertThat(e.message()).contains("empty").contains("header");
    }

    @Test
    void headerOnly() {
        FieldError e = onlyError("Month,Passengers\n");
        // rule: a header without data rows asks for rows
        assertThat(e.field()).isEqualTo("dataset");
        assertThat(e.message()).contains("no data rows").contains("add");
    }

    @Test
    void missingHeader() {
        FieldError e = onlyError("1949-01,112\n1949-02,118\n");
        // rule: a first line of data is reported as a missing header, with how to add one
        assertThat(e.field()).isEqualTo("header");
        assertThat(e.message()).contains("not a header").contains("add a first line");
    }

    @Test
    void fewerThanTwoColumns() {
        FieldError e = onlyError("Passengers\n112\n");
        // rule: a single column is refused with the 2-column requirement
        assertThat(e.field()).isEqualTo("header");
        assertThat(e.message()).contains("at least 2");
    }

    @Test
    void duplicateColumnName() {
        FieldError e = onlyError("Month,x,x\n1,2,3\n");
        // rule: the duplicate is located by column position and named
        assertThat(e.field()).isEqualTo("header, column 3");
        assertThat(e.message()).contains("'x'").contains("distinct name");
    }

    @Test
    void blankColumnName() {
        FieldError e = onlyError("Month, ,y\n1,2,3\n");
        // rule: the blank name is located by column position and asks for a name
        assertThat(e.field()).isEqualTo("header, column 2");
        assertThat(e.message()).contains("blank").contains("give every column");
    }

    @Test
    void wrongNumberOfCells() {
        FieldError e = onlyError("Month,Passengers\n1949-01,112\n1949-02,118,7\n");
        // rule: the row is named by its 1-based line number in the file
        assertThat(e.field()).isEqualTo("row 3");
        assertThat(e.message()).contains("3 cells").contains("exactly 2");
    }

    @Test
    void nonNumericCellIsQuoted() {
        FieldError e = onlyError("Month,Passengers\n1949-01,112\n1949-02,\"1,180\"\n");
        // rule: the cell is located by line and column name
        assertThat(e.field()).isEqualTo("row 3, column Passengers");
        // rule: the bad value is quoted and the fix explained
        assertThat(e.message()).contains("'1,180'").contains("thousands separators");
    }

    @Test
    void lineNumbersCountBlankLinesAndTheHeader() {
        FieldError e = onlyError("Month,Passengers\n\n1949-01,112\n\n1949-02,abc\n");
        // rule: the line number is the file's, blank lines included
        assertThat(e.field()).isEqualTo("row 5, column Passengers");
    }

    @Test
    void missingValue() {
        FieldError e = onlyError("Month,Passengers\n1949-01,\n");
        // rule: an empty cell is a missing value with advice to fill it in
        assertThat(e.field()).isEqualTo("row 2, column Passengers");
        assertThat(e.message()).contains("missing").contains("fill it in");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "nan", "Infinity", "-Infinity", "inf"})
    void nonFiniteValues(String bad) {
        FieldError e = onlyError("Month,Passengers\n1949-01," + bad + "\n");
        // rule: NaN / Infinity are refused, quoted, with advice
        assertThat(e.field()).isEqualTo("row 2, column Passengers");
        assertThat(e.message()).contains("'" + bad + "'").contains("not a finite number").contains("replace");
    }

    @Test
    void overflowingNumber() {
        FieldError e = onlyError("Month,Passengers\n1949-01,1e999\n");
        // rule: a number that overflows double is not finite
        assertThat(e.field()).isEqualTo("row 2, column Passengers");
        assertThat(e.message()).contains("finite");
    }

    @Test
    void unknownTimeColumn() {
        FieldError e = onlyError("Month,Passengers\n1949-01,112\n", "Date");
        // rule: an unknown time column lists the available ones
        assertThat(e.field()).isEqualTo("timeColumn");
        assertThat(e.message()).contains("'Date'").contains("[Month, Passengers]");
    }

    @Test
    void unclosedQuote() {
        FieldError e = onlyError("Month,Passengers\n1949-01,\"112\n");
        // rule: an unclosed quote names the row where it starts
        assertThat(e.field()).isEqualTo("row 2");
        assertThat(e.message()).contains("closing");
    }

    @Test
    void severalErrorsAreReportedTogether() {
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> parser.parse("t,a,b\n1,x,2\n2,3,\n3,4,5\n"));
        // rule: data errors are collected, each with its own location
        assertThat(e.errors()).extracting(FieldError::field)
                .containsExactly("row 2, column a", "row 3, column b");
    }

    @Test
    void rowCap() {
        CsvParser small = new CsvParser(2, 10);
        // rule: exactly the cap is fine
        assertThat(small.parse("t,a\n1,1\n2,2\n").rows()).isEqualTo(2);
        // rule: one row over the cap is refused with the limit and a fix
        assertThatThrownBy(() -> small.parse("t,a\n1,1\n2,2\n3,3\n"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("more than 2 data rows")
                .hasMessageContaining("shorten");
    }

    @Test
    void columnCap() {
        CsvParser narrow = new CsvParser(100, 3);
        FieldError e = catchThrowableOfType(ValidationException.class, () -> narrow.parse("t,a,b,c\n1,1,1,1\n"))
                .errors().get(0);
        // rule: too many columns gives the limit and advice
        assertThat(e.field()).isEqualTo("header");
        assertThat(e.message()).contains("4 columns").contains("most accepted is 3").contains("remove");
    }

    @Test
    void missingTimeLabel() {
        FieldError e = onlyError("Month,Passengers\n,112\n");
        // rule: a blank time label is refused at its cell
        assertThat(e.field()).isEqualTo("row 2, column Month");
        assertThat(e.message()).contains("time label is missing");
    }

    @Test
    void everyMessageSaysWhatToDo() {
        List<String> bad = List.of("", "a\n1\n", "t,a\n1,\n", "t,a\n1,x\n", "t,a,a\n1,2,3\n", "t,a\n1,2,3\n");
        for (String csv : bad) {
            ValidationException e = catchThrowableOfType(ValidationException.class, () -> parser.parse(csv));
            // rule: every message carries an instruction (imperative verb)
            assertThat(e.errors()).allSatisfy(err -> assertThat(err.message())
                    .containsAnyOf("upload", "add", "fill", "use", "give", "replace", "remove", "choose"));
        }
    }
}
