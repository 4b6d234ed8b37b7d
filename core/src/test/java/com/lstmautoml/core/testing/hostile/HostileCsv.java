package com.lstmautoml.core.testing.hostile;

import java.util.List;

/**
 * A generated CSV file: the mutations applied to a valid one (for the failure report) and the text.
 */
public record HostileCsv(List<String> steps, String text) {

    public HostileCsv {
        steps = List.copyOf(steps);
    }

    @Override
    public String toString() {
        return "HostileCsv" + steps + " " + Abbrev.of(text);
    }
}
