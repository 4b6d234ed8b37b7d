package com.lstmautoml.core.space;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The range of values one hyperparameter may take. JSON forms (see {@link SearchSpaceParser}):
 * <pre>
 * {"type":"int","min":8,"max":64,"step":8}              step optional (1)
 * {"type":"float","min":0.001,"max":0.01,"log":true}    log optional (false), step optional (continuous)
 * {"type":"choice","values":[16,32]}
 * </pre>
 * Instances are built by the parser, which validates them; the records themselves only guard against nonsense that
 * would break the methods below.
 */
public sealed interface ParamSpec {

    /** True when the spec is a finite list of values (int ranges, float ranges with a step, choices). */
    boolean isDiscrete();

    /**
     * The values in order: int range min, min+step, ... &lt;= max; float range with a step likewise (computed in
     * decimal, so 0..0.3 step 0.1 gives exactly 0.0, 0.1, 0.2, 0.3); choices as given.
     *
     * @throws IllegalStateException for a continuous float range
     */
    List<Number> discreteValues();

    /** Number of values for grid search; {@code -1} for a continuous range. */
    long size();

    /** The largest value this spec can produce. */
    double largest();

    /** Integer range; {@code step} null means 1. */
    record IntRange(int min, int max, Integer step) implements ParamSpec {
        public IntRange {
            if (min > max || (step != null && step < 1)) {
                throw new IllegalArgumentException("invalid int range " + min + ".." + max + " step " + step);
            }
        }

        public IntRange(int min, int max) {
            this(min, max, null);
        }

        public int effectiveStep() {
            return step == null ? 1 : step;
        }

        @Override
        public boolean isDiscrete() {
            return true;
        }

        @Override
        public List<Number> discreteValues() {
            List<Number> out = new ArrayList<>((int) size());
            for (long v = min; v <= max; v += effectiveStep()) {
                out.add((int) v);
            }
            return Collections.unmodifiableList(out);
        }

        @Override
        public long size() {
            return ((long) max - min) / effectiveStep() + 1;
        }

        @Override
        public double largest() {
            return min + (size() - 1) * effectiveStep();
        }
    }

    /** Float range, uniform or (log) log-uniform; with a step it is the grid min, min+step, ... &lt;= max. */
    record FloatRange(double min, double max, boolean log, Double step) implements ParamSpec {
        public FloatRange {
            if (!(min <= max) || (step != null && !(step > 0)) || (log && min <= 0)) {
                throw new IllegalArgumentException("invalid float range " + min + ".." + max + " step " + step);
            }
        }

        public FloatRange(double min, double max, boolean log) {
            this(min, max, log, null);
        }

        @Override
        public boolean isDiscrete() {
            return step != null || min == max;
        }

        @Override
        public List<Number> discreteValues() {
            if (!isDiscrete()) {
                throw new IllegalStateException("continuous range " + this + " has no list of values");
            }
            if (step == null) {
                return List.of(min);
            }
            BigDecimal lo = BigDecimal.valueOf(min);
            BigDecimal st = BigDecimal.valueOf(step);
            List<Number> out = new ArrayList<>();
            long n = size();
            for (long i = 0; i < n; i++) {
                out.add(lo.add(st.multiply(BigDecimal.valueOf(i))).doubleValue());
            }
            return Collections.unmodifiableList(out);
        }

        @Override
        public long size() {
            if (!isDiscrete()) {
                return -1;
            }
            if (step == null) {
                return 1;
            }
            BigDecimal span = BigDecimal.valueOf(max).subtract(BigDecimal.valueOf(min));
            BigDecimal steps = span.divideToIntegralValue(BigDecimal.valueOf(step));
            // a step of 1e-300 over 1e300 is more values than a long counts: saturate, as gridSize() does
            return steps.compareTo(BigDecimal.valueOf(Long.MAX_VALUE - 1)) >= 0 ? Long.MAX_VALUE
                    : steps.longValueExact() + 1;
        }

        @Override
        public double largest() {
            if (step == null) {
                return max;
            }
            List<Number> v = discreteValues();
            return v.get(v.size() - 1).doubleValue();
        }
    }

    /**
     * An explicit list of labels (the categorical keys transform and scaler). Its {@link #discreteValues()} are the
     * positions 0..n-1 of the labels, which is how a cube coordinate or a chart axis sees them.
     */
    record Labels(List<String> values) implements ParamSpec {
        public Labels {
            values = nonEmptyCopy(values);
        }

        @Override
        public boolean isDiscrete() {
            return true;
        }

        @Override
        public List<Number> discreteValues() {
            List<Number> out = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                out.add(i);
            }
            return Collections.unmodifiableList(out);
        }

        @Override
        public long size() {
            return values.size();
        }

        @Override
        public double largest() {
            return values.size() - 1;
        }
    }

    /** An explicit list of values (Integer for integer keys, Double for float keys after parsing). */
    record Choice(List<? extends Number> values) implements ParamSpec {
        public Choice {
            values = nonEmptyCopy(values);
        }

        @Override
        public boolean isDiscrete() {
            return true;
        }

        @Override
        public List<Number> discreteValues() {
            return Collections.unmodifiableList(values);
        }

        @Override
        public long size() {
            return values.size();
        }

        @Override
        public double largest() {
            return values.stream().mapToDouble(Number::doubleValue).max().orElseThrow();
        }
    }

    /** The values of a choice or label list, copied; a list needs at least one value. */
    private static <T> List<T> nonEmptyCopy(List<T> values) {
        Objects.requireNonNull(values, "values");
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a choice needs at least one value");
        }
        return List.copyOf(values);
    }
}
