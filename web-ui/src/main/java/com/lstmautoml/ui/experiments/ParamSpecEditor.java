package com.lstmautoml.ui.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lstmautoml.core.space.Hyperparameter;
import com.lstmautoml.core.space.ParamSpec;
import com.lstmautoml.core.space.SearchSpace;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.radiobutton.RadioGroupVariant;
import com.vaadin.flow.component.shared.HasValidationProperties;
import com.vaadin.flow.component.textfield.AbstractNumberField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One row of the search space editor: a hyperparameter as a range (min, max, optional step, log scale for floats) or
 * as a list of choices, in the JSON form of {@link com.lstmautoml.core.space.ParamSpec}. The preprocessing rows
 * (transform, difference, scaler) may stay empty: {@link #isAutomatic()}, and the form leaves them out of the request
 * so the server applies the series' defaults ({@link SearchSpace#withSeriesDefaults}).
 */
class ParamSpecEditor extends FlexLayout {

    static final String RANGE = "range";
    static final String CHOICES = "choices";

    private final Hyperparameter h;
    final RadioButtonGroup<String> mode = new RadioButtonGroup<>();
    final AbstractNumberField<?, ? extends Number> min;
    final AbstractNumberField<?, ? extends Number> max;
    final AbstractNumberField<?, ? extends Number> step;
    final Checkbox log = new Checkbox("log scale");
    final TextField choices = new TextField();
    private final Span rowError = new Span();

    ParamSpecEditor(Hyperparameter h) {
        this.h = h;
        min = numberField("min");
        max = numberField("max");
        step = numberField("step");
        step.setPlaceholder(h.isInteger() ? "1" : "continuous");
        step.setClearButtonVisible(true);
        choices.setPlaceholder(h.isChoiceOnly() ? automaticText(null) : h.isCategorical()
                ? "e.g. " + String.join(", ", h.labels()) : h.isInteger() ? "e.g. 16, 32, 64"
                : "e.g. 0.001, 0.003, 0.01");
        choices.setHelperText(h.isChoiceOnly() ? automaticHelp()
                : h.isCategorical() ? "comma-separated; allowed: " + String.join(", ", h.labels())
                : "comma-separated values");
        choices.setManualValidation(true);
        choices.setWidth("18em");
        mode.setItems(RANGE, CHOICES);
        mode.addThemeVariants(RadioGroupVariant.LUMO_HELPER_ABOVE_FIELD);
        mode.addValueChangeListener(e -> showMode());

        Span label = new Span(h.key());
        label.getStyle().set("font-weight", "600").set("width", "7em").set("align-self", "center");
        rowError.getStyle().set("color", "var(--lumo-error-text-color)").set("font-size", "var(--lumo-font-size-s)")
                .set("flex-basis", "100%");
        rowError.setVisible(false);
        setFlexWrap(FlexWrap.WRAP);
        setAlignItems(FlexComponent.Alignment.BASELINE);
        getStyle().set("gap", "var(--lumo-space-s) var(--lumo-space-m)")
                .set("padding", "var(--lumo-space-xs) 0").set("border-bottom", "1px solid var(--lumo-contrast-10pct)");
        add(label, mode, min, max, step);
        if (!h.isInteger() && !h.isChoiceOnly()) {
            add(log);
        }
        add(choices, rowError);
        mode.setValue(h.isChoiceOnly() ? CHOICES : RANGE);
        // transform, difference and scaler take a list of choices only
        mode.setVisible(!h.isChoiceOnly());
    }

    Hyperparameter hyperparameter() {
        return h;
    }

    private AbstractNumberField<?, ? extends Number> numberField(String placeholder) {
        AbstractNumberField<?, ? extends Number> f = h.isInteger() ? new IntegerField() : new NumberField();
        f.setPlaceholder(placeholder);
        f.setAriaLabel(h.key() + " " + placeholder);
        // the role of the field stays visible once it holds a value (placeholders vanish)
        Span role = new Span(placeholder);
        role.getStyle().set("font-size", "var(--lumo-font-size-xxs)").set("color", "var(--lumo-secondary-text-color)");
        f.setPrefixComponent(role);
        f.setWidth("8.5em");
        f.setManualValidation(true);
        return f;
    }

    private void showMode() {
        boolean range = !CHOICES.equals(mode.getValue()) && !h.isChoiceOnly();
        min.setVisible(range);
        max.setVisible(range);
        step.setVisible(range);
        log.setVisible(range && !h.isInteger());
        choices.setVisible(!range);
    }

    /** Every input of the row, to listen for changes. */
    List<HasValue<?, ?>> inputs() {
        return List.of(mode, min, max, step, log, choices);
    }

    /**
     * What an empty preprocessing row stands for, as its placeholder shows it: "automatic: none, log",
     * "automatic: 0, 1, season" (the season length when the form knows it), "automatic: minmax, standard".
     */
    String automaticText(Integer seasonality) {
        List<String> shown = seriesDefault(seasonality == null ? 1 : seasonality);
        if (seasonality == null && !shown.equals(seriesDefault(12))) {
            shown.add("season"); // the default depends on the season length, which the data will tell
        }
        return "automatic: " + String.join(", ", shown);
    }

    /** The values of this key's series default for a positive, long series of the given season length. */
    private List<String> seriesDefault(int seasonality) {
        ParamSpec spec = h.seriesDefault(new Hyperparameter.SeriesFacts(seasonality, true, Integer.MAX_VALUE / 2, 0))
                .orElseThrow();
        List<String> words = new ArrayList<>();
        if (spec instanceof ParamSpec.Labels l) {
            words.addAll(l.values());
        } else {
            spec.discreteValues().forEach(v -> words.add(v.toString()));
        }
        return words;
    }

    /**
     * The help of a preprocessing row from its key's definition, e.g. "empty: automatic (log only when every value is
     * &gt; 0); or a list of none, log".
     */
    private String automaticHelp() {
        String rule = h.seriesDefaultRule();
        return "empty: automatic" + (rule.isEmpty() ? "" : " (" + rule + ")") + "; or " + h.choicesHint();
    }

    /** Shows the season length the form has in the difference row's placeholder (null: detected from the data). */
    void setSeasonality(Integer seasonality) {
        if (h.isChoiceOnly()) {
            choices.setPlaceholder(automaticText(seasonality));
        }
    }

    /** True for a preprocessing row left empty: the request leaves the key out and the series' default applies. */
    boolean isAutomatic() {
        return h.isChoiceOnly() && choices.getValue().isBlank();
    }

    /**
     * Fills the row from a spec's JSON ({"type":"int"|"float"|"choice",...}); null or unknown gives an empty range,
     * or for a preprocessing key an empty list ({@link #isAutomatic()}).
     */
    void setSpec(JsonNode spec) {
        String type = spec == null ? "" : spec.path("type").asText("");
        if ("choice".equals(type)) {
            mode.setValue(CHOICES);
            List<String> values = new ArrayList<>();
            spec.path("values").forEach(v -> values.add(format(v)));
            choices.setValue(String.join(", ", values));
            clearRange();
        } else if (h.isChoiceOnly()) {
            mode.setValue(CHOICES);
            choices.clear();
            clearRange();
        } else {
            mode.setValue(RANGE);
            setNumber(min, spec == null ? null : spec.get("min"));
            setNumber(max, spec == null ? null : spec.get("max"));
            setNumber(step, spec == null ? null : spec.get("step"));
            log.setValue(spec != null && spec.path("log").asBoolean(false));
            choices.clear();
        }
    }

    private void clearRange() {
        min.clear();
        max.clear();
        step.clear();
        log.setValue(false);
    }

    private void setNumber(AbstractNumberField<?, ? extends Number> f, JsonNode v) {
        if (v == null || v.isNull() || !v.isNumber()) {
            f.clear();
        } else if (f instanceof IntegerField i) {
            i.setValue(v.intValue());
        } else {
            ((NumberField) f).setValue(v.doubleValue());
        }
    }

    /** The spec's JSON as the API takes it. */
    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (CHOICES.equals(mode.getValue())) {
            o.put("type", "choice");
            ArrayNode values = o.putArray("values");
            List<String> bad = new ArrayList<>();
            for (String token : choices.getValue().split("[,;\\s]+")) {
                if (token.isBlank()) {
                    continue;
                }
                if (h.isCategorical()) {
                    values.add(token.strip()); // the server checks the labels and names the position
                    continue;
                }
                try {
                    BigDecimal d = new BigDecimal(token.strip());
                    if (h.isInteger() && d.stripTrailingZeros().scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
                        values.add(d.intValue());
                    } else if (h.isInteger()) {
                        values.add(d.doubleValue()); // the server says it must be a whole number
                    } else {
                        values.add(d.doubleValue());
                    }
                } catch (NumberFormatException e) {
                    bad.add(token);
                    values.add(token); // the server names the position
                }
            }
            if (!bad.isEmpty()) {
                choices.setInvalid(true);
                choices.setErrorMessage("not a number: " + String.join(", ", bad));
            }
            return o;
        }
        o.put("type", h.isInteger() ? "int" : "float");
        putNumber(o, "min", min.getValue());
        putNumber(o, "max", max.getValue());
        if (!h.isInteger()) {
            o.put("log", Boolean.TRUE.equals(log.getValue()));
        }
        putNumber(o, "step", step.getValue());
        return o;
    }

    private void putNumber(ObjectNode o, String key, Number v) {
        if (v == null) {
            return;
        }
        if (h.isInteger()) {
            o.put(key, v.intValue());
        } else {
            o.put(key, v.doubleValue());
        }
    }

    /** The field an error at {@code searchSpace.<key>.<sub>} belongs to (null: the row's own message). */
    void registerTargets(Map<String, HasValidationProperties> targets, String prefix) {
        targets.put(prefix + ".min", min);
        targets.put(prefix + ".max", max);
        targets.put(prefix + ".step", step);
        targets.put(prefix + ".log", log);
        targets.put(prefix + ".values", choices);
        targets.put(prefix + ".type", mode);
    }

    void showRowError(String message) {
        rowError.setText(message == null ? "" : message);
        rowError.setVisible(message != null);
    }

    String rowError() {
        return rowError.isVisible() ? rowError.getText() : null;
    }

    static String format(JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.asText();
        }
        if (v.isNumber()) {
            return BigDecimal.valueOf(v.doubleValue()).stripTrailingZeros().toPlainString();
        }
        return v.asText();
    }

    static String joinMessages(List<String> messages) {
        return messages.stream().distinct().collect(Collectors.joining("; "));
    }

    /** For listeners that only care that something changed. */
    void addChangeListener(Consumer<HasValue<?, ?>> listener) {
        for (HasValue<?, ?> input : inputs()) {
            input.addValueChangeListener(e -> listener.accept(input));
        }
    }

    /** True when the user left the row without values (nothing to report yet). */
    boolean isEmpty() {
        return CHOICES.equals(mode.getValue()) ? choices.isEmpty() : min.isEmpty() && max.isEmpty();
    }
}
