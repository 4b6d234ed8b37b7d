package com.lstmautoml.ui.models;

import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.api.ApiDtos.ForecastAnswer;
import com.lstmautoml.core.api.ApiDtos.SeriesTail;
import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.ui.charts.EChart;
import com.lstmautoml.ui.charts.ModelCharts;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.shared.Registration;

import java.util.ArrayList;
import java.util.List;

/**
 * The series' last rows and a forecast after them, with its intervals as shaded bands, and the horizon to forecast.
 * A horizon outside 1..{@link #maxHorizon} is a field error naming the limit and requests nothing; a valid one fires a
 * {@link ForecastRequested}, and the view answers with {@link #show} or hands the service's refusal back through
 * {@link #showErrors} / {@link #showProblem}. Never calls a service itself.
 *
 * <p>For browser tests: the panel has id {@value #ID}, the chart id {@code forecast-chart}, the field
 * {@code forecast-horizon}, the button {@code forecast-button} and the sentence under the chart {@code forecast-note}.
 */
public class ForecastPanel extends Div {

    public static final String ID = "forecast-panel";
    /** The largest horizon the dashboard offers: the service's default limit ({@code automl.limits.max-horizon}). */
    public static final int MAX_HORIZON = 1000;
    /** The horizon the page opens with. */
    public static final int DEFAULT_HORIZON = 12;
    /** The interval levels the dashboard asks for, in percent. */
    public static final List<Integer> LEVELS = List.of(80, 95);

    private final int maxHorizon;
    final IntegerField horizon = new IntegerField("Horizon (steps ahead)");
    final Button forecast = new Button("Forecast", VaadinIcon.CHART_LINE.create());
    final EChart chart = new EChart("360px");
    final Paragraph note = new Paragraph();

    public ForecastPanel() {
        this(MAX_HORIZON);
    }

    public ForecastPanel(int maxHorizon) {
        this.maxHorizon = maxHorizon;
        setId(ID);
        chart.setId("forecast-chart");
        horizon.setId("forecast-horizon");
        forecast.setId("forecast-button");
        note.setId("forecast-note");
        H3 title = new H3("Forecast");
        title.getStyle().set("margin", "0").set("font-size", "var(--lumo-font-size-l)");
        horizon.setMin(1);
        horizon.setMax(maxHorizon);
        horizon.setStepButtonsVisible(true);
        horizon.setValue(DEFAULT_HORIZON);
        horizon.setHelperText("1 to " + maxHorizon + " steps");
        // the panel decides when the field is invalid (and says which limit), not the browser
        horizon.setManualValidation(true);
        forecast.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        // Enter in the field forecasts (a click shortcut: the field's value reaches the server first)
        forecast.addClickShortcut(Key.ENTER).listenOn(horizon);
        forecast.addClickListener(e -> submit());
        FlexLayout controls = new FlexLayout(horizon, forecast);
        controls.setAlignItems(FlexComponent.Alignment.BASELINE);
        controls.getStyle().set("gap", "var(--lumo-space-s)");
        controls.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        note.getStyle().set("margin", "var(--lumo-space-xs) 0").set("font-size", "var(--lumo-font-size-s)");
        Cards.card(this);
        add(title, controls, chart, note);
    }

    public int maxHorizon() {
        return maxHorizon;
    }

    /**
     * What is wrong with a horizon, naming the limit it breaks; null when it is fine.
     */
    static String horizonError(Integer h, int max) {
        if (h == null) {
            return "Enter a whole number of steps from 1 (minimum) to " + max + " (maximum)";
        }
        if (h < 1) {
            return "The horizon must be at least 1 step (minimum 1), got " + h;
        }
        if (h > max) {
            return "The horizon must be at most " + max + " steps (maximum " + max + "), got " + h;
        }
        return null;
    }

    /** The horizon in the field if it is valid (else the field shows why and this is null). */
    public Integer validHorizon() {
        String error = horizonError(horizon.getValue(), maxHorizon);
        horizon.setErrorMessage(error);
        horizon.setInvalid(error != null);
        return error == null ? horizon.getValue() : null;
    }

    /** Checks the horizon and asks for a forecast with it (the button, Enter in the field). */
    void submit() {
        Integer h = validHorizon();
        if (h != null) {
            fireEvent(new ForecastRequested(this, h));
        }
    }

    /** Draws the tail (may be null) and the forecast after it. */
    public void show(SeriesTail tail, ForecastAnswer answer) {
        chart.setOption(ModelCharts.forecast(tail, answer));
        boolean anyBand = !ModelCharts.levels(answer.forecast()).isEmpty();
        note.setText("Forecast of version " + answer.version() + " by its " + servedBy(answer.servedBy()) + ", "
                + answer.forecast().size() + " steps ahead" + (anyBand ? "; shaded: the " + levelsText()
                + " split-conformal intervals (absent at steps without enough calibration errors)."
                : "; no interval: too few calibration errors."));
        note.getStyle().set("color", "var(--lumo-secondary-text-color)");
    }

    /** The service refused the request: errors at {@code horizon} go to the field, others under the chart. */
    public void showErrors(SeriesTail tail, List<FieldError> errors) {
        List<String> others = new ArrayList<>();
        for (FieldError e : errors) {
            if ("horizon".equals(e.field())) {
                horizon.setErrorMessage(e.message());
                horizon.setInvalid(true);
            } else {
                others.add(e.field() + ": " + e.message());
            }
        }
        showTail(tail, others.isEmpty() ? "No forecast: the horizon was refused." : "No forecast: "
                + String.join("; ", others));
    }

    /** No forecast (the reason under the chart); the tail alone when there is one. */
    public void showProblem(SeriesTail tail, String problem) {
        showTail(tail, "No forecast: " + problem);
    }

    private void showTail(SeriesTail tail, String text) {
        chart.setOption(ModelCharts.forecast(tail, null));
        note.setText(text);
        note.getStyle().set("color", "var(--lumo-error-text-color)");
    }

    static String servedBy(String servedBy) {
        return ApiDtos.SERVING_REFIT.equals(servedBy) ? "refit model (retrained on train + validation)"
                : "promoted trial's model";
    }

    private static String levelsText() {
        return String.join(" % and ", LEVELS.stream().map(String::valueOf).toList()) + " %";
    }

    /** The error the horizon field shows, or null (for tests). */
    String horizonErrorShown() {
        return horizon.isInvalid() ? horizon.getErrorMessage() : null;
    }

    public Registration addForecastListener(ComponentEventListener<ForecastRequested> l) {
        return addListener(ForecastRequested.class, l);
    }

    /** A valid horizon was entered and a forecast asked for. */
    public static class ForecastRequested extends ComponentEvent<ForecastPanel> {
        private final int horizon;

        public ForecastRequested(ForecastPanel source, int horizon) {
            super(source, false);
            this.horizon = horizon;
        }

        public int horizon() {
            return horizon;
        }
    }
}
