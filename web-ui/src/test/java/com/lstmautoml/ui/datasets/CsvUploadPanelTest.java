package com.lstmautoml.ui.datasets;

import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.api.ApiDtos.DatasetPreview;
import com.lstmautoml.core.api.ApiDtos.TextSummary;
import com.lstmautoml.core.validation.FieldError;
import com.vaadin.flow.component.UI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The panel alone: a file and the save button fire events and the panel shows what it is told (the view that calls
 * the service is tested with it in {@code NewExperimentViewTest}).
 */
class CsvUploadPanelTest {

    private final UI ui = new UI();
    private final List<CsvUploadPanel.PreviewEvent> previews = new ArrayList<>();
    private final List<CsvUploadPanel.UploadEvent> uploads = new ArrayList<>();
    private CsvUploadPanel panel;

    @BeforeEach
    void setUp() {
        UI.setCurrent(ui); // held in a field: CurrentInstance keeps only a weak reference
        panel = new CsvUploadPanel();
        panel.addPreviewListener(previews::add);
        panel.addUploadListener(uploads::add);
    }

    @AfterEach
    void tearDown() {
        UI.setCurrent(null);
    }

    @Test
    void aFileAsksForAPreviewThenSaveCarriesNameFileAndTimeColumn() {
        String csv = "Month,Sales\n2020-01,10\n";
        panel.receive("sales.csv", csv.getBytes(StandardCharsets.UTF_8));

        assertThat(panel.name.getValue()).isEqualTo("sales");
        assertThat(previews).last().satisfies(e -> {
            assertThat(e.csv()).isEqualTo(csv);
            assertThat(e.timeColumn()).isNull();
        });
        assertThat(panel.save.isEnabled()).isFalse(); // until the preview is shown
        panel.showPreview(new DatasetPreview("Month", List.of("Sales"), 1, List.of("Month", "Sales"),
                List.of(List.of("2020-01", "10"))));
        assertThat(panel.save.isEnabled()).isTrue();

        panel.timeColumn.setValue("Month");
        assertThat(previews).last().satisfies(e -> assertThat(e.timeColumn()).isEqualTo("Month"));
        panel.save.click();
        assertThat(uploads).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("sales");
            assertThat(e.csv()).isEqualTo(csv);
            assertThat(e.timeColumn()).isEqualTo("Month");
        });
    }

    @Test
    void withoutAFileSaveAsksNothing() {
        panel.save.setEnabled(true);
        panel.save.click();
        assertThat(uploads).isEmpty();
    }

    @Test
    void errorsShowAtTheirFieldsOrBelowThem() {
        panel.previewFailed(List.of(new FieldError("timeColumn", "no column 'Day'"),
                new FieldError("row 3, column Sales", "not a number: 'abc'")));
        assertThat(panel.timeColumn.isInvalid()).isTrue();
        assertThat(panel.save.isEnabled()).isFalse();
        assertThat(panel.errors.getElement().getTextRecursively()).contains("row 3, column Sales: not a number");
        panel.nameTaken("a dataset named sales exists");
        assertThat(panel.name.isInvalid()).isTrue();
    }

    @Test
    void aTextFileIsPreviewedAsATextAndSavedAsItsBytes() {
        byte[] text = "To be, or not to be:\nthat is the question.".getBytes(StandardCharsets.UTF_8);
        panel.receive("hamlet.txt", text);

        // the extension chooses: a text, which has no time column
        assertThat(panel.kind.getValue()).isEqualTo(ApiDtos.TEXT);
        assertThat(panel.timeColumn.isVisible()).isFalse();
        assertThat(panel.name.getValue()).isEqualTo("hamlet");
        assertThat(previews).last().satisfies(e -> {
            assertThat(e.isText()).isTrue();
            assertThat(e.bytes()).isEqualTo(text);
        });
        assertThat(panel.save.isEnabled()).isFalse();

        panel.showTextPreview(new TextSummary(1000, 1002, 40, 800, 100, 100, "To be, or not to be:\nthat"));
        // size, vocabulary and slices in a sentence; the first characters keep their line break
        assertThat(panel.textPreview.isVisible()).isTrue();
        assertThat(panel.preview.isVisible()).isFalse();
        assertThat(panel.textPreview.summary.getText()).startsWith("1,000 characters (1,002 bytes of UTF-8), a"
                + " vocabulary of 40; slices: train 800, validation 100, test 100 characters");
        assertThat(panel.textPreview.firstCharacters.getText()).isEqualTo("To be, or not to be:\nthat");
        assertThat(panel.textPreview.firstCharacters.getStyle().get("white-space")).isEqualTo("pre-wrap");
        assertThat(panel.save.isEnabled()).isTrue();

        panel.save.click();
        assertThat(uploads).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("hamlet");
            assertThat(e.kind()).isEqualTo(ApiDtos.TEXT);
            assertThat(e.bytes()).isEqualTo(text);
            assertThat(e.timeColumn()).isNull();
        });
    }

    @Test
    void whatTheFileIsIsAChoiceTheExtensionOnlyPreselects() {
        panel.receive("sales.csv", "Month,Sales\n2020-01,10\n".getBytes(StandardCharsets.UTF_8));
        assertThat(panel.kind.getValue()).isEqualTo(ApiDtos.TABLE);
        assertThat(previews).singleElement().satisfies(e -> assertThat(e.isText()).isFalse());
        panel.showPreview(new DatasetPreview("Month", List.of("Sales"), 1, List.of("Month", "Sales"),
                List.of(List.of("2020-01", "10"))));

        // the user reads the same file as a text: the table's preview goes, a text preview is asked for
        panel.kind.setValue(ApiDtos.TEXT);
        assertThat(previews).hasSize(2).last().satisfies(e -> assertThat(e.isText()).isTrue());
        assertThat(panel.preview.isVisible()).isFalse();
        assertThat(panel.save.isEnabled()).isFalse();

        // a name without a known extension keeps the choice
        panel.receive("notes", "some words".getBytes(StandardCharsets.UTF_8));
        assertThat(panel.kind.getValue()).isEqualTo(ApiDtos.TEXT);
        assertThat(CsvUploadPanel.kindOf("A.TXT", ApiDtos.TABLE)).isEqualTo(ApiDtos.TEXT);
        assertThat(CsvUploadPanel.kindOf("a.tsv", ApiDtos.TEXT)).isEqualTo(ApiDtos.TABLE);
    }

    @Test
    void theFilesErrorsShowBelowTheFields() {
        panel.receive("bad.txt", new byte[] {'a', (byte) 0xC3, (byte) 0x28});
        panel.previewFailed(List.of(new FieldError("file", "is not UTF-8: byte 2 starts no character")));
        assertThat(panel.save.isEnabled()).isFalse();
        assertThat(panel.textPreview.isVisible()).isFalse();
        assertThat(panel.errors.getElement().getTextRecursively())
                .contains("file: is not UTF-8: byte 2 starts no character");
    }
}
