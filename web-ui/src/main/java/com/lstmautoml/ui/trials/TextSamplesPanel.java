package com.lstmautoml.ui.trials;

import com.lstmautoml.core.api.ApiDtos.SampleRequest;
import com.lstmautoml.core.api.ApiDtos.TextSample;
import com.lstmautoml.core.api.ExperimentOptions;
import com.lstmautoml.core.validation.FieldError;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.shared.HasValidationProperties;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A generation trial's texts: the samples its model wrote when it completed (one per temperature), and a form that
 * asks for another (seed text, length, temperature, optional random seed). Line breaks show as written. It calls no
 * service: "Write a sample" fires a {@link SampleEvent}; the view answers with {@link #showAnswer},
 * {@link #showErrors} (at their fields: seed, length, temperature, randomSeed) or {@link #showProblem}.
 *
 * <p>For browser tests: each sample is a {@code pre} of class {@value #SAMPLE_CLASS} with a {@code data-temperature}
 * attribute; the seed inside it a span of class {@code sample-seed}; the answer's box has id {@code sample-answer}.
 */
public class TextSamplesPanel extends Div {

    static final String SAMPLE_CLASS = "text-sample";
    /** The length the form asks for until the user changes it. */
    static final int DEFAULT_LENGTH = 300;

    final Div samples = new Div();
    final Paragraph note = new Paragraph();
    final TextArea seed = new TextArea("Seed text");
    final IntegerField length = new IntegerField("Length (characters)");
    final NumberField temperature = new NumberField("Temperature");
    final TextField randomSeed = new TextField("Random seed");
    final Button write = new Button("Write a sample", VaadinIcon.PENCIL.create());
    final FlexLayout form = new FlexLayout(seed, length, temperature, randomSeed, write);
    final Div answer = new Div();
    final Div errors = new Div();
    private final Map<String, HasValidationProperties> fields = Map.of("seed", seed, "length", length,
            "temperature", temperature, "randomSeed", randomSeed);
    private List<TextSample> shown;

    public TextSamplesPanel() {
        setId("text-samples");
        H3 title = new H3("Samples");
        title.getStyle().set("margin", "0").set("font-size", "var(--lumo-font-size-l)");
        note.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)")
                .set("margin", "var(--lumo-space-xs) 0");
        seed.setMaxLength(ExperimentOptions.MAX_SAMPLE_SEED_LENGTH);
        seed.setPlaceholder("the text the model continues, e.g. ROMEO:");
        seed.setWidth("min(100%, 28em)");
        length.setMin(1);
        length.setMax(ExperimentOptions.MAX_SAMPLE_LENGTH);
        length.setValue(DEFAULT_LENGTH);
        length.setStepButtonsVisible(true);
        length.setHelperText("at most " + ExperimentOptions.MAX_SAMPLE_LENGTH);
        temperature.setMin(0);
        temperature.setMax(ExperimentOptions.MAX_SAMPLE_TEMPERATURE);
        temperature.setStep(0.1);
        temperature.setValue(1.0);
        temperature.setStepButtonsVisible(true);
        temperature.setHelperText("below 1 more conservative, above 1 more surprising; at most "
                + ExperimentOptions.MAX_SAMPLE_TEMPERATURE);
        randomSeed.setAllowedCharPattern("[0-9-]");
        randomSeed.setPlaceholder("random");
        randomSeed.setHelperText("optional: the same seed writes the same text again");
        seed.setManualValidation(true);
        length.setManualValidation(true);
        temperature.setManualValidation(true);
        randomSeed.setManualValidation(true);
        write.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        write.setId("write-sample");
        write.addClickListener(e -> submit());
        form.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.getStyle().set("gap", "var(--lumo-space-s) var(--lumo-space-m)");
        answer.setId("sample-answer");
        answer.setVisible(false);
        errors.getStyle().set("color", "var(--lumo-error-text-color)");
        add(title, samples, note, form, errors, answer);
    }

    /** The samples a completed trial wrote (rebuilt only when they changed); the first one's seed fills the form's. */
    public void showSamples(List<TextSample> list) {
        List<TextSample> l = list == null ? List.of() : List.copyOf(list);
        if (l.equals(shown)) {
            return;
        }
        shown = l;
        samples.removeAll();
        l.forEach(s -> samples.add(sample(s)));
        if (seed.isEmpty() && !l.isEmpty()) {
            seed.setValue(l.get(0).seed());
        }
    }

    /** Whether the trial's model can write (a trial that finished training); else a note says when it can. */
    public void setSampling(boolean possible, String trialState) {
        form.setVisible(possible);
        note.setText(possible ? "Ask its model for another text:" : "Its model writes samples once the trial has"
                + " finished training (it is " + trialState.toLowerCase(Locale.ROOT) + " now).");
    }

    /** The model's answer to the form. */
    public void showAnswer(TextSample s) {
        clearErrors();
        answer.removeAll();
        answer.add(sample(s));
        answer.setVisible(true);
    }

    /** The service's objections: at the seed, length, temperature or random seed; others below the form. */
    public void showErrors(List<FieldError> list) {
        clearErrors();
        for (FieldError e : list) {
            HasValidationProperties f = fields.get(e.field());
            if (f != null) {
                f.setErrorMessage(e.message());
                f.setInvalid(true);
            } else {
                errors.add(new Div(e.field() + ": " + e.message()));
            }
        }
    }

    /** Why no sample could be written (e.g. the trial has no stored model). */
    public void showProblem(String message) {
        clearErrors();
        errors.add(new Div(message));
    }

    private void submit() {
        clearErrors();
        String rs = randomSeed.getValue().strip();
        Long random = null;
        if (!rs.isEmpty()) {
            try {
                random = Long.parseLong(rs);
            } catch (NumberFormatException e) {
                showErrors(List.of(new FieldError("randomSeed", "must be a whole number, e.g. 42, or empty")));
                return;
            }
        }
        fireEvent(new SampleEvent(this, new SampleRequest(seed.getValue(), length.getValue(),
                temperature.getValue(), random)));
    }

    private void clearErrors() {
        fields.values().forEach(f -> f.setInvalid(false));
        errors.removeAll();
    }

    /** One sample: what it is, then the seed (dimmed) and the text, line breaks as written. */
    static Div sample(TextSample s) {
        Span about = new Span("temperature " + s.temperature() + " · " + s.length() + " characters · random seed "
                + s.randomSeed());
        about.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        Span seedPart = new Span(s.seed());
        seedPart.addClassName("sample-seed");
        seedPart.getStyle().set("color", "var(--lumo-secondary-text-color)");
        Pre text = new Pre();
        text.add(seedPart, new Span(s.text()));
        text.addClassName(SAMPLE_CLASS);
        text.getElement().setAttribute("data-temperature", String.valueOf(s.temperature()));
        text.getStyle().set("white-space", "pre-wrap").set("margin", "var(--lumo-space-xs) 0 var(--lumo-space-s)")
                .set("padding", "var(--lumo-space-s)").set("background", "var(--lumo-contrast-5pct)")
                .set("border-radius", "var(--lumo-border-radius-m)").set("font-size", "var(--lumo-font-size-s)");
        return new Div(about, text);
    }

    public Registration addSampleListener(ComponentEventListener<SampleEvent> l) {
        return addListener(SampleEvent.class, l);
    }

    /** "Write a sample": the request as the form holds it (the service checks it and names the fields to fix). */
    public static class SampleEvent extends ComponentEvent<TextSamplesPanel> {
        private final SampleRequest request;

        SampleEvent(TextSamplesPanel source, SampleRequest request) {
            super(source, false);
            this.request = request;
        }

        public SampleRequest request() {
            return request;
        }
    }
}
