package com.lstmautoml.ui.datasets;

import com.lstmautoml.core.api.ApiDtos.DatasetPreview;
import com.lstmautoml.core.api.ApiDtos.DatasetView;
import com.lstmautoml.core.validation.FieldError;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.shared.Registration;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Upload a CSV, see how it parses (time column, numeric columns, first rows) and save it as a dataset. Parse errors
 * name the row and column to fix. It calls no service: a file or a new time column fires a {@link PreviewEvent}, "Save
 * dataset" an {@link UploadEvent}; the view answers with {@link #showPreview} or {@link #previewFailed}, and
 * {@link #saved}, {@link #showErrors} or {@link #nameTaken}.
 */
public class CsvUploadPanel extends VerticalLayout {

    /** The rows a preview shows. */
    public static final int PREVIEW_ROWS = 10;

    final Upload upload;
    final TextField name = new TextField("Dataset name");
    final TextField timeColumn = new TextField("Time column");
    final Grid<List<String>> preview = new Grid<>();
    final Span summary = new Span();
    final Div errors = new Div();
    final Button save = new Button("Save dataset");
    private String csv;

    public CsvUploadPanel() {
        setPadding(false);
        upload = new Upload(UploadHandler.inMemory((meta, bytes) -> receive(meta.fileName(), bytes)));
        upload.setMaxFiles(1);
        upload.setAcceptedFileTypes(".csv", "text/csv", "text/plain");
        upload.setMaxFileSize(50 * 1024 * 1024);
        upload.setDropLabel(new Span("Drop a CSV here: a time column and numeric columns, header in the first row"));
        name.setRequiredIndicatorVisible(true);
        timeColumn.setPlaceholder("first column");
        timeColumn.setHelperText("optional");
        timeColumn.addValueChangeListener(e -> refreshPreview());
        name.setManualValidation(true);
        timeColumn.setManualValidation(true);
        preview.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        preview.setAllRowsVisible(true);
        preview.setVisible(false);
        errors.getStyle().set("color", "var(--lumo-error-text-color)");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setEnabled(false);
        save.addClickListener(e -> {
            clearErrors();
            if (csv != null) {
                fireEvent(new UploadEvent(this, name.getValue().strip(), csv, timeColumnOrNull()));
            }
        });
        HorizontalLayout fields = new HorizontalLayout(name, timeColumn, save);
        fields.setAlignItems(FlexComponent.Alignment.BASELINE);
        fields.getStyle().set("flex-wrap", "wrap");
        add(upload, fields, summary, errors, preview);
    }

    /** A file arrived (called inside the UI lock by the upload handler). */
    void receive(String fileName, byte[] bytes) {
        csv = new String(bytes, StandardCharsets.UTF_8);
        if (name.isEmpty() && fileName != null) {
            name.setValue(fileName.replaceAll("(?i)\\.(csv|txt)$", ""));
        }
        refreshPreview();
    }

    private String timeColumnOrNull() {
        String t = timeColumn.getValue().strip();
        return t.isEmpty() ? null : t;
    }

    private void refreshPreview() {
        clearErrors();
        if (csv == null) {
            return;
        }
        fireEvent(new PreviewEvent(this, csv, timeColumnOrNull()));
    }

    /** The file does not parse: no preview, no saving, the errors. */
    public void previewFailed(List<FieldError> list) {
        preview.setVisible(false);
        summary.setText("");
        save.setEnabled(false);
        showErrors(list);
    }

    /** How the file parses: a column per CSV column with its type, the first rows; it may be saved now. */
    public void showPreview(DatasetPreview p) {
        preview.removeAllColumns();
        List<String> header = p.header();
        for (int i = 0; i < header.size(); i++) {
            int col = i;
            String h = header.get(i);
            String type = h.equals(p.timeColumn()) ? "time" : p.numericColumns().contains(h) ? "numeric" : "ignored";
            preview.addColumn(row -> col < row.size() ? row.get(col) : "").setHeader(h + " (" + type + ")")
                    .setAutoWidth(true);
        }
        preview.setItems(p.firstRows());
        preview.setVisible(true);
        summary.setText(p.rows() + " rows; time column " + p.timeColumn() + "; numeric columns "
                + String.join(", ", p.numericColumns()) + ". First " + p.firstRows().size() + " rows below.");
        save.setEnabled(true);
    }

    /** The dataset was saved: says so and empties the panel. */
    public void saved(DatasetView saved) {
        Notification.show("Dataset " + saved.name() + " saved: " + saved.rows() + " rows");
        csv = null;
        upload.clearFileList();
        preview.setVisible(false);
        summary.setText("");
        name.clear();
        timeColumn.clear();
        save.setEnabled(false);
    }

    /** The name is taken: said at the name. */
    public void nameTaken(String message) {
        name.setInvalid(true);
        name.setErrorMessage(message);
    }

    /** The service's objections: at the name or the time column, others below the fields. */
    public void showErrors(List<FieldError> list) {
        for (FieldError e : list) {
            if ("name".equals(e.field())) {
                name.setInvalid(true);
                name.setErrorMessage(e.message());
            } else if ("timeColumn".equals(e.field())) {
                timeColumn.setInvalid(true);
                timeColumn.setErrorMessage(e.message());
            } else {
                errors.add(new Div(e.field() + ": " + e.message()));
            }
        }
    }

    private void clearErrors() {
        errors.removeAll();
        name.setInvalid(false);
        timeColumn.setInvalid(false);
    }

    public Registration addPreviewListener(ComponentEventListener<PreviewEvent> l) {
        return addListener(PreviewEvent.class, l);
    }

    public Registration addUploadListener(ComponentEventListener<UploadEvent> l) {
        return addListener(UploadEvent.class, l);
    }

    /** What the panel's events carry: the file's text and the time column (null: the first). */
    public abstract static class FileEvent extends ComponentEvent<CsvUploadPanel> {
        private final String csv;
        private final String timeColumn;

        FileEvent(CsvUploadPanel source, String csv, String timeColumn) {
            super(source, false);
            this.csv = csv;
            this.timeColumn = timeColumn;
        }

        public String csv() {
            return csv;
        }

        public String timeColumn() {
            return timeColumn;
        }
    }

    /** A file arrived or the time column changed: the view previews how it parses. */
    public static class PreviewEvent extends FileEvent {
        PreviewEvent(CsvUploadPanel source, String csv, String timeColumn) {
            super(source, csv, timeColumn);
        }
    }

    /** "Save dataset": the file under a name. */
    public static class UploadEvent extends FileEvent {
        private final String name;

        UploadEvent(CsvUploadPanel source, String name, String csv, String timeColumn) {
            super(source, csv, timeColumn);
            this.name = name;
        }

        public String name() {
            return name;
        }
    }
}
