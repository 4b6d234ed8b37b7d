package com.lstmautoml.ui.datasets;

import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.api.ApiDtos.DatasetPreview;
import com.lstmautoml.core.api.ApiDtos.DatasetView;
import com.lstmautoml.core.api.ApiDtos.TextSummary;
import com.lstmautoml.core.api.ExperimentOptions;
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
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.shared.Registration;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Upload a file, see how it reads and save it as a dataset: a CSV ({@link ApiDtos#TABLE}: time column, numeric
 * columns, first rows; parse errors name the row and column to fix) or a UTF-8 text ({@link ApiDtos#TEXT}, for
 * character-level generation: its size, vocabulary, slices and first characters). Which one the file is, is a choice
 * ({@link #kind}) that the file's extension preselects. It calls no service: a file, another kind or a new time column
 * fires a {@link PreviewEvent}, "Save dataset" an {@link UploadEvent}; the view answers with {@link #showPreview},
 * {@link #showTextPreview} or {@link #previewFailed}, and {@link #saved}, {@link #showErrors} or {@link #nameTaken}.
 */
public class CsvUploadPanel extends VerticalLayout {

    /** The rows a preview shows. */
    public static final int PREVIEW_ROWS = 10;

    final Upload upload;
    /** What the file is: {@link ApiDtos#TABLE} or {@link ApiDtos#TEXT}. */
    final RadioButtonGroup<String> kind = new RadioButtonGroup<>("The file is");
    final TextField name = new TextField("Dataset name");
    final TextField timeColumn = new TextField("Time column");
    final Grid<List<String>> preview = new Grid<>();
    final Span summary = new Span();
    final TextPreview textPreview = new TextPreview();
    final Div errors = new Div();
    final Button save = new Button("Save dataset");
    /** The file's bytes as uploaded (a text is handed on undecoded: the service says when it is not UTF-8). */
    private byte[] file;

    public CsvUploadPanel() {
        setPadding(false);
        upload = new Upload(UploadHandler.inMemory((meta, bytes) -> receive(meta.fileName(), bytes)));
        upload.setMaxFiles(1);
        upload.setAcceptedFileTypes(".csv", "text/csv", ".txt", "text/plain");
        upload.setMaxFileSize(50 * 1024 * 1024);
        upload.setDropLabel(new Span("Drop a CSV (a time column and numeric columns, header in the first row) or a"
                + " UTF-8 text (.txt, to generate text like it) here"));
        kind.setId("upload-kind");
        kind.setItems(ApiDtos.TABLE, ApiDtos.TEXT);
        kind.setItemLabelGenerator(k -> ApiDtos.TEXT.equals(k) ? "Text" : "Table (CSV)");
        kind.setValue(ApiDtos.TABLE);
        kind.setHelperText("chosen by the file's extension; a text may have up to "
                + ExperimentOptions.MAX_TEXT_BYTES / (1024 * 1024) + " MiB of UTF-8");
        kind.addValueChangeListener(e -> kindChanged());
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
            if (file != null) {
                fireEvent(new UploadEvent(this, name.getValue().strip(), kind.getValue(), file, timeColumnOrNull()));
            }
        });
        HorizontalLayout fields = new HorizontalLayout(name, timeColumn, save);
        fields.setAlignItems(FlexComponent.Alignment.BASELINE);
        fields.getStyle().set("flex-wrap", "wrap");
        add(upload, kind, fields, summary, errors, preview, textPreview);
    }

    /** A file arrived (called inside the UI lock by the upload handler): its extension chooses what it is. */
    void receive(String fileName, byte[] bytes) {
        file = bytes;
        if (name.isEmpty() && fileName != null) {
            name.setValue(fileName.replaceAll("(?i)\\.(csv|txt)$", ""));
        }
        String k = kindOf(fileName, kind.getValue());
        if (k.equals(kind.getValue())) {
            refreshPreview();
        } else {
            kind.setValue(k); // previews through kindChanged
        }
    }

    /** {@link ApiDtos#TEXT} for a .txt file, {@link ApiDtos#TABLE} for a .csv or .tsv, else {@code current}. */
    static String kindOf(String fileName, String current) {
        String n = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith(".txt")) {
            return ApiDtos.TEXT;
        }
        return n.endsWith(".csv") || n.endsWith(".tsv") ? ApiDtos.TABLE : current;
    }

    private boolean isText() {
        return ApiDtos.TEXT.equals(kind.getValue());
    }

    /** The file is read as the other kind: no time column for a text, and the preview of the other kind goes. */
    private void kindChanged() {
        timeColumn.setVisible(!isText());
        clearPreview();
        refreshPreview();
    }

    private void clearPreview() {
        preview.setVisible(false);
        textPreview.clear();
        summary.setText("");
        save.setEnabled(false);
    }

    /** A table's time column (null: the first); a text has none. */
    private String timeColumnOrNull() {
        String t = timeColumn.getValue().strip();
        return t.isEmpty() || isText() ? null : t;
    }

    private void refreshPreview() {
        clearErrors();
        if (file == null) {
            return;
        }
        fireEvent(new PreviewEvent(this, kind.getValue(), file, timeColumnOrNull()));
    }

    /** The file does not parse: no preview, no saving, the errors. */
    public void previewFailed(List<FieldError> list) {
        clearPreview();
        showErrors(list);
    }

    /** How the file reads as a text: its figures and first characters; it may be saved now. */
    public void showTextPreview(TextSummary t) {
        preview.setVisible(false);
        summary.setText("");
        textPreview.show(t);
        save.setEnabled(true);
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
        textPreview.clear();
        summary.setText(p.rows() + " rows; time column " + p.timeColumn() + "; numeric columns "
                + String.join(", ", p.numericColumns()) + ". First " + p.firstRows().size() + " rows below.");
        save.setEnabled(true);
    }

    /** The dataset was saved: says so and empties the panel. */
    public void saved(DatasetView saved) {
        Notification.show("Dataset " + saved.name() + " saved: " + saved.rows()
                + (ApiDtos.TEXT.equals(saved.kind()) ? " characters" : " rows"));
        file = null;
        upload.clearFileList();
        clearPreview();
        name.clear();
        timeColumn.clear();
        save.setEnabled(false);
    }

    /** The name is taken: said at the name. */
    public void nameTaken(String message) {
        name.setInvalid(true);
        name.setErrorMessage(message);
    }

    /** The service's objections: at the name or the time column, others (such as the file's) below the fields. */
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

    /**
     * What the panel's events carry: what the file is ({@link ApiDtos#TABLE} or {@link ApiDtos#TEXT}), its bytes and
     * the time column of a table (null: the first).
     */
    public abstract static class FileEvent extends ComponentEvent<CsvUploadPanel> {
        private final String kind;
        private final byte[] bytes;
        private final String timeColumn;

        FileEvent(CsvUploadPanel source, String kind, byte[] bytes, String timeColumn) {
            super(source, false);
            this.kind = kind;
            this.bytes = bytes;
            this.timeColumn = timeColumn;
        }

        /** {@link ApiDtos#TABLE} or {@link ApiDtos#TEXT}. */
        public String kind() {
            return kind;
        }

        public boolean isText() {
            return ApiDtos.TEXT.equals(kind);
        }

        /** The file as uploaded (a text's UTF-8 bytes, undecoded). */
        public byte[] bytes() {
            return bytes.clone();
        }

        /** A table's file as text. */
        public String csv() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public String timeColumn() {
            return timeColumn;
        }
    }

    /** A file arrived, its kind or the time column changed: the view previews how it reads. */
    public static class PreviewEvent extends FileEvent {
        PreviewEvent(CsvUploadPanel source, String kind, byte[] bytes, String timeColumn) {
            super(source, kind, bytes, timeColumn);
        }
    }

    /** "Save dataset": the file under a name. */
    public static class UploadEvent extends FileEvent {
        private final String name;

        UploadEvent(CsvUploadPanel source, String name, String kind, byte[] bytes, String timeColumn) {
            super(source, kind, bytes, timeColumn);
            this.name = name;
        }

        public String name() {
            return name;
        }
    }
}
