package com.lstmautoml.ui.datasets;

import com.lstmautoml.core.api.ApiDtos.DatasetPreview;
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
}
