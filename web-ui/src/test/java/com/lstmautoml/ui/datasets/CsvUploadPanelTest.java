package com.lstmautoml.ui.datasets;

import com.lstmautoml.core.api.ApiDtos.DatasetView;
import com.lstmautoml.core.validation.ValidationException;
import com.lstmautoml.ui.fakes.FakeDatasets;
import com.lstmautoml.ui.fakes.Fixtures;
import com.vaadin.flow.component.UI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvUploadPanelTest {

    private final UI ui = new UI();

    private final FakeDatasets datasets = new FakeDatasets();
    private final List<DatasetView> saved = new ArrayList<>();
    private CsvUploadPanel panel;

    @BeforeEach
    void setUp() {
        UI.setCurrent(ui); // held in a field: CurrentInstance keeps only a weak reference
        panel = new CsvUploadPanel(datasets, Fixtures.ANN_ADMIN, saved::add);
    }

    @AfterEach
    void tearDown() {
        UI.setCurrent(null);
    }

    @Test
    void uploadPreviewsWithColumnTypesThenSaves() {
        String csv = "Month,Sales,Price\n2020-01,10,1.5\n2020-02,12,1.6\n";
        panel.receive("sales.csv", csv.getBytes(StandardCharsets.UTF_8));

        assertThat(panel.name.getValue()).isEqualTo("sales");
        assertThat(panel.preview.isVisible()).isTrue();
        assertThat(panel.preview.getColumns()).hasSize(3);
        assertThat(panel.preview.getColumns().get(0).getHeaderText()).isEqualTo("Month (time)");
        assertThat(panel.preview.getColumns().get(1).getHeaderText()).isEqualTo("Sales (numeric)");
        assertThat(panel.summary.getText()).startsWith("2 rows");
        assertThat(panel.save.isEnabled()).isTrue();

        panel.save.click();
        assertThat(datasets.created).containsExactly("sales");
        assertThat(saved).extracting(DatasetView::name).containsExactly("sales");
        assertThat(panel.save.isEnabled()).isFalse();
    }

    @Test
    void aRoleTooLowIsANotificationNotAnError() {
        CsvUploadPanel forViewer = new CsvUploadPanel(datasets,
                Fixtures.current(Fixtures.caller(com.lstmautoml.core.api.Role.VIEWER)), saved::add);
        forViewer.receive("sales.csv", "Month,Sales\n2020-01,10\n".getBytes(StandardCharsets.UTF_8));
        org.assertj.core.api.Assertions.assertThatCode(forViewer.save::click).doesNotThrowAnyException();
        assertThat(datasets.created).isEmpty();
        assertThat(saved).isEmpty();
    }

    @Test
    void parseErrorsNameTheRowAndColumnAndBlockSaving() {
        datasets.previewError = new ValidationException("row 3, column Sales", "not a number: 'abc'");
        panel.receive("bad.csv", "Month,Sales\n2020-01,abc\n".getBytes(StandardCharsets.UTF_8));

        assertThat(panel.save.isEnabled()).isFalse();
        assertThat(panel.errors.getElement().getTextRecursively()).contains("row 3, column Sales: not a number");
    }
}
