package com.lstmautoml.ui.datasets;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The parts of a {@link CsvUploadPanel}, for tests of the views that use one (in other packages). */
public record UploadPanelProbe(CsvUploadPanel panel) {

    /** A file arrives, as the upload would hand it over. */
    public void receive(String fileName, String csv) {
        panel.receive(fileName, csv.getBytes(StandardCharsets.UTF_8));
    }

    /** A file of these bytes arrives (a text that may not be UTF-8). */
    public void receive(String fileName, byte[] bytes) {
        panel.receive(fileName, bytes);
    }

    /** What the file is taken for: table or text. */
    public com.vaadin.flow.component.radiobutton.RadioButtonGroup<String> kind() {
        return panel.kind;
    }

    /** The text preview's sentence (size, vocabulary, slices) and its first characters. */
    public List<String> textPreview() {
        return List.of(panel.textPreview.summary.getText(), panel.textPreview.firstCharacters.getText());
    }

    public TextField name() {
        return panel.name;
    }

    public Grid<List<String>> preview() {
        return panel.preview;
    }

    public Span summary() {
        return panel.summary;
    }

    public Div errors() {
        return panel.errors;
    }

    public Button save() {
        return panel.save;
    }
}
