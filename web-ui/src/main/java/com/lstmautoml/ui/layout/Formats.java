package com.lstmautoml.ui.layout;

import com.vaadin.flow.component.html.Span;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Small display helpers shared by the views: numbers, times, state badges. */
public final class Formats {

    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private Formats() {
    }

    public static String rmse(Double v) {
        if (v == null) {
            return "–";
        }
        double a = Math.abs(v);
        return a != 0 && (a < 0.001 || a >= 1e6) ? String.format(Locale.ROOT, "%.3e", v)
                : String.format(Locale.ROOT, "%.4f", v);
    }

    /** An MAE, in the series' units like the RMSE. */
    public static String mae(Double v) {
        return rmse(v);
    }

    /** A MASE (scale-free; below 1 beats seasonal naive in-sample): three decimals. */
    public static String mase(Double v) {
        return v == null || !Double.isFinite(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** An sMAPE in percent, without the sign (the column or label says %): two decimals. */
    public static String smape(Double v) {
        return v == null || !Double.isFinite(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
    }

    /** A skill against seasonal naive (1 − RMSE / RMSE of seasonal naive; above 0 beats it): two decimals. */
    public static String skill(Double v) {
        if (v == null || !Double.isFinite(v)) {
            return "–";
        }
        // a small loss stays visible as -0.00 (skill <= 0 means it does not beat seasonal naive)
        return String.format(Locale.ROOT, "%.2f", v == 0 ? 0.0 : v);
    }

    /**
     * One hyperparameter of a trial's params JSON, for display; a preprocessing key missing from params stored before
     * it existed shows the value such trials used ({@link com.lstmautoml.core.space.Hyperparameter#implicitValue()}).
     */
    public static String param(com.fasterxml.jackson.databind.JsonNode params,
                               com.lstmautoml.core.space.Hyperparameter h) {
        com.fasterxml.jackson.databind.JsonNode v = paramNode(params, h);
        return v == null ? "" : number(v);
    }

    /** The JSON value of {@code h} in {@code params}, or its implicit value, or null. */
    public static com.fasterxml.jackson.databind.JsonNode paramNode(com.fasterxml.jackson.databind.JsonNode params,
                                                                  com.lstmautoml.core.space.Hyperparameter h) {
        if (params == null || params.isNull()) {
            return null;
        }
        com.fasterxml.jackson.databind.JsonNode v = params.get(h.key());
        if ((v == null || v.isNull()) && h.implicitValue() != null) {
            return h.implicitValue() instanceof Integer i
                    ? com.fasterxml.jackson.databind.node.IntNode.valueOf(i)
                    : com.fasterxml.jackson.databind.node.TextNode.valueOf(h.implicitValue().toString());
        }
        return v;
    }

    public static String number(com.fasterxml.jackson.databind.JsonNode v) {
        if (v == null || v.isNull()) {
            return "";
        }
        if (v.isIntegralNumber()) {
            return v.asText();
        }
        if (v.isNumber()) {
            double d = v.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e9) {
                return String.valueOf((long) d);
            }
            return new java.math.BigDecimal(d).round(new java.math.MathContext(4)).stripTrailingZeros()
                    .toPlainString();
        }
        return v.asText();
    }

    public static String shortTime(Instant t) {
        return t == null ? "" : SHORT.format(t);
    }

    /** "just now", "5 min ago", "3 h ago", "2 d ago", then the date. */
    public static String relative(Instant t, Instant now) {
        if (t == null) {
            return "";
        }
        long s = Duration.between(t, now).getSeconds();
        if (s < 45) {
            return "just now";
        }
        if (s < 3600) {
            return Math.max(1, Math.round(s / 60.0)) + " min ago";
        }
        if (s < 86_400) {
            return (s / 3600) + " h ago";
        }
        if (s < 7 * 86_400) {
            return (s / 86_400) + " d ago";
        }
        return shortTime(t);
    }

    public static String duration(Double seconds) {
        if (seconds == null) {
            return "";
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + ((s % 3600) / 60) + " min";
    }

    /** "about 3 min left", "less than a minute left"; null when unknown. */
    public static String eta(Double seconds) {
        if (seconds == null || !Double.isFinite(seconds) || seconds < 0) {
            return null;
        }
        if (seconds < 60) {
            return "less than a minute left";
        }
        long min = Math.round(seconds / 60);
        if (min < 90) {
            return "about " + min + " min left";
        }
        return "about " + Math.round(seconds / 3600.0 * 10) / 10.0 + " h left";
    }

    /** A coloured pill for an experiment or trial state (inline Lumo colours, no extra CSS). */
    public static Span badge(String state) {
        Span s = pill(state, stateColour(state));
        s.addClassName(BADGE_CLASS);
        return s;
    }

    /** The class of every state badge. */
    public static final String BADGE_CLASS = "state-badge";

    /** The Lumo colour of a state's badge. */
    public static String stateColour(String state) {
        return switch (state == null ? "" : state) {
            case "RUNNING" -> "primary";
            case "COMPLETED" -> "success";
            case "FAILED" -> "error";
            default -> "contrast";
        };
    }

    /** A coloured pill with any text; {@code c} is a Lumo colour: primary, success, error or contrast. */
    public static Span pill(String text, String c) {
        Span s = new Span(text == null ? "" : text);
        pillStyle(c).forEach(s.getStyle()::set);
        return s;
    }

    /** {@link #pill}'s inline style as CSS text, for templates (a grid's LitRenderer). */
    public static String pillCss(String c) {
        StringBuilder css = new StringBuilder();
        pillStyle(c).forEach((property, value) -> css.append(property).append(':').append(value).append(';'));
        return css.toString();
    }

    private static java.util.Map<String, String> pillStyle(String c) {
        boolean contrast = c.equals("contrast");
        java.util.Map<String, String> style = new java.util.LinkedHashMap<>();
        style.put("background", contrast ? "var(--lumo-contrast-10pct)" : "var(--lumo-" + c + "-color-10pct)");
        style.put("color", contrast ? "var(--lumo-secondary-text-color)" : "var(--lumo-" + c + "-text-color)");
        style.put("border-radius", "var(--lumo-border-radius-l)");
        style.put("padding", "0 var(--lumo-space-s)");
        style.put("font-size", "var(--lumo-font-size-s)");
        style.put("font-weight", "500");
        style.put("line-height", "1.6");
        style.put("white-space", "nowrap");
        return style;
    }
}
