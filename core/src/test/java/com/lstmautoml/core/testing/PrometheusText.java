package com.lstmautoml.core.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The samples of a Prometheus text scrape (format 0.0.4, with or without the trailing comma older writers put after
 * the last label, or OpenMetrics), for tests that assert on a real {@code /metrics} answer.
 */
public final class PrometheusText {

    /** One sample: metric name, labels in the order written, value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = samples;
    }

    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.find()) {
                throw new IllegalArgumentException("not a sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
        }
        return new PrometheusText(samples);
    }

    public List<Sample> samples() {
        return samples;
    }

    /** The sample named {@code name} whose labels are exactly {@code labels} (key, value, key, value...). */
    public Optional<Sample> find(String name, String... labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(wanted)).findFirst();
    }

    /** The value of {@link #find}'s sample, or {@code absent} when the scrape has none. */
    public double value(double absent, String name, String... labels) {
        return find(name, labels).map(Sample::value).orElse(absent);
    }

    /**
     * The value of {@link #find}'s sample, which must be there.
     *
     * @throws AssertionError naming the sample when it is not
     */
    public double value(String name, String... labels) {
        return find(name, labels).map(Sample::value).orElseThrow(
                () -> new AssertionError("no sample " + name + " " + List.of(labels) + " in the scrape"));
    }

    /** Whether some sample is named {@code name} and has at least the given labels. */
    public boolean has(String name, String... labels) {
        return samples.stream().anyMatch(s -> {
            if (!s.name().equals(name)) {
                return false;
            }
            for (int i = 0; i < labels.length; i += 2) {
                if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                    return false;
                }
            }
            return true;
        });
    }
}
