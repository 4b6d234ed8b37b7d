package com.lstmautoml.ui.datasets;

import com.lstmautoml.core.api.ApiDtos.DatasetPreview;
import com.lstmautoml.core.api.ApiDtos.DatasetView;
import com.lstmautoml.core.api.ConflictException;
import com.lstmautoml.core.api.Datasets;
import com.lstmautoml.core.api.ForbiddenException;
import com.lstmautoml.ui.security.CurrentCaller;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;
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

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * Upload a CSV, see how it parses (time column, numeric columns, first rows) and save it as a dataset. Parse errors
 * name the row and column to fix.
 */
public class CsvUploadPanel extends VerticalLayout {

    static final int PREVIEW_ROWS = 10;

    private final Datasets datasets;
    private final CurrentCaller caller;
    private final Consumer<DatasetView> onSaved;

    final Upload upload;
    final TextField name = new TextField("Dataset name");
    final TextField timeColumn = new TextField("Time column");
    final Grid<List<String>> preview = new Grid<>();
    final Span summary = new Span();
    final Div errors = new Div();
    final Button save = new Button("Save dataset");
    private String csv;

    public CsvUploadPanel(Datasets datasets, CurrentCaller caller, Consumer<DatasetView> onSaved) {
        this.datasets = datasets;
        this.caller = caller;
        this.onSaved = onSaved;
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
        save.addClickListener(e -> save());
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
        try {
            DatasetPreview p = datasets.preview(caller.get(), csv, timeColumnOrNull(), PREVIEW_ROWS);
            showPreview(p);
            save.setEnabled(true);
        } catch (ValidationException e) {
            preview.setVisible(false);
            summary.setText("");
            save.setEnabled(false);
            showErrors(e.errors());
        }
    }

    private void showPreview(DatasetPreview p) {
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
    }

    private void save() {
        clearErrors();
        if (csv == null) {
            return;
        }
        try {
            DatasetView saved = datasets.create(caller.get(), name.getValue().strip(), csv, timeColumnOrNull());
            Notification.show("Dataset " + saved.name() + " saved: " + saved.rows() + " rows");
            csv = null;
            upload.clearFileList();
            preview.setVisible(false);
            summary.setText("");
            name.clear();
            timeColumn.clear();
            save.setEnabled(false);
            onSaved.accept(saved);
        } catch (ValidationException e) {
            showErrors(e.errors());
        } catch (ConflictException e) {
            name.setInvalid(true);
            name.setErrorMessage(e.getMessage());
        } catch (ForbiddenException e) {
            Notification.show(e.getMessage(), 6000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    private void showErrors(List<FieldError> list) {
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
}
