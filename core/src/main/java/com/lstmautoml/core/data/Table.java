package com.lstmautoml.core.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dataset in memory: a time column (labels only, kept as text) and numeric columns of equal length, in row order.
 */
public record Table(String timeColumn, List<String> times, Map<String, double[]> columns) {

    public Table {
        times = List.copyOf(times);
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        for (Map.Entry<String, double[]> e : columns.entrySet()) {
            if (e.getValue().length != times.size()) {
                throw new IllegalArgumentException("column " + e.getKey() + " has " + e.getValue().length
                        + " values but the time column has " + times.size());
            }
        }
    }

    public int rows() {
        return times.size();
    }

    public double[] column(String name) {
        double[] values = columns.get(name);
        if (values == null) {
            throw new IllegalArgumentException("no column '" + name + "'; columns are " + columns.keySet());
        }
        return values;
    }
}
