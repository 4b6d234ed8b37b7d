package com.lstmautoml.ui.datasets;

import com.lstmautoml.core.api.ApiDtos.TextSummary;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;

import java.util.Locale;

/**
 * How a text file reads as a dataset (display only): its size in characters and bytes, its vocabulary, the
 * characters of each slice, and its first characters with their line breaks.
 */
class TextPreview extends Div {

    final Span summary = new Span();
    final Pre firstCharacters = new Pre();

    TextPreview() {
        setId("text-preview");
        firstCharacters.setId("text-preview-first");
        firstCharacters.getStyle().set("white-space", "pre-wrap").set("max-height", "14em").set("overflow", "auto")
                .set("font-size", "var(--lumo-font-size-s)").set("margin", "var(--lumo-space-xs) 0 0 0")
                .set("padding", "var(--lumo-space-s)").set("background", "var(--lumo-contrast-5pct)")
                .set("border-radius", "var(--lumo-border-radius-m)");
        add(summary, firstCharacters);
        setWidthFull();
        setVisible(false);
    }

    void show(TextSummary t) {
        summary.setText(describe(t));
        firstCharacters.setText(t.preview() == null ? "" : t.preview());
        setVisible(true);
    }

    void clear() {
        summary.setText("");
        firstCharacters.setText("");
        setVisible(false);
    }

    /**
     * "1,115,394 characters (1,115,394 bytes of UTF-8), a vocabulary of 65; slices: train 892,315, validation
     * 111,539, test 111,540 characters. Its first characters:".
     */
    static String describe(TextSummary t) {
        return count(t.characters()) + " characters (" + count(t.bytes()) + " bytes of UTF-8), a vocabulary of "
                + count(t.vocabularySize()) + "; slices: train " + count(t.trainCharacters()) + ", validation "
                + count(t.validationCharacters()) + ", test " + count(t.testCharacters())
                + " characters. Its first characters:";
    }

    /** 1115394 → "1,115,394". */
    static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
