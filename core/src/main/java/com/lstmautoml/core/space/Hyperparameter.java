package com.lstmautoml.core.space;

import com.lstmautoml.core.data.DataRequirements;
import com.lstmautoml.core.data.ScalerType;
import com.lstmautoml.core.data.Transform;
import com.lstmautoml.core.space.ParamSpec.Choice;
import com.lstmautoml.core.space.ParamSpec.FloatRange;
import com.lstmautoml.core.space.ParamSpec.IntRange;
import com.lstmautoml.core.space.ParamSpec.Labels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * THE definition of every tunable hyperparameter, one constant each: its JSON key, its {@link Kind} (whole numbers,
 * fractions or labels), whether it takes a choice only, its default spec (for a grid too), its server cap, the check
 * of one value, an example, the value of trials stored before it existed, how the series sets its default, and how
 * it enters training ({@link Use}). {@link SearchSpace}, {@link SearchSpaceParser}, {@code TrialParams}, the Arbiter
 * space and the dashboard's editors read these; none of them spells out the keys again. Adding a hyperparameter
 * means one constant here plus its use in training.
 *
 * <p>The defaults, chosen for short monthly series (AirPassengers: 144 points) and quick CPU training:
 * <pre>
 *   units        int 8..64 step 8      (8, 16, ..., 64)
 *   layers       int 1..2
 *   lookBack     int 1..12             (up to one year of monthly history)
 *   dropout      float 0..0.3 step 0.1 (0, 0.1, 0.2, 0.3)
 *   batchSize    choice [16, 32]
 *   learningRate float 1e-3..1e-2 log  (random search / TPE)
 *                choice [0.001, 0.003, 0.01] (grid search, which needs a finite list)
 *   transform    choice ["none"]       (preprocessing keys take choices only; single values add no
 *   difference   choice [0]             search dimension; these are the values when no data is known, e.g.
 *   scaler       choice ["minmax"]       a stored space from before the keys existed)
 * </pre>
 * A text's experiment ({@link Task#GENERATE}) searches units, layers, dropout, batchSize and learningRate with its
 * own defaults where a text needs them, and two keys of its own:
 * <pre>
 *   units          choice [64, 128, 256]
 *   batchSize      choice [32, 64]        (sequences per minibatch)
 *   sequenceLength choice [50, 100]       (characters per training sequence)
 *   tbpttLength    choice [25, 50]        (characters per truncated-backpropagation step; at most sequenceLength)
 * </pre>
 * An experiment's request that leaves a preprocessing key out gets the SERIES' default instead
 * ({@link #seriesDefault}), which searches what matters for a trending, seasonal series:
 * <pre>
 *   transform    choice ["none", "log"]          (["none"] unless every input value is &gt; 0)
 *   difference   choice [0, 1, seasonality]      (without the seasonal lag when it is 1 or too long)
 *   scaler       choice ["minmax", "standard"]
 * </pre>
 */
public enum Hyperparameter {
    /** LSTM units per layer. */
    UNITS(define("units", Kind.INT, Use.NETWORK, Task.FORECAST, Task.GENERATE)
            .byDefault(new IntRange(8, 64, 8)).byDefault(Task.GENERATE, new Choice(List.of(64, 128, 256)))
            .cap(SpaceLimits::maxUnits).example("{\"type\":\"int\",\"min\":8,\"max\":64,\"step\":8}")),
    /** Number of stacked LSTM layers. */
    LAYERS(define("layers", Kind.INT, Use.NETWORK, Task.FORECAST, Task.GENERATE)
            .byDefault(new IntRange(1, 2)).cap(SpaceLimits::maxLayers)
            .example("{\"type\":\"int\",\"min\":1,\"max\":2}")),
    /** Window length: time steps fed to the LSTM. */
    LOOK_BACK(define("lookBack", Kind.INT, Use.WINDOWS, Task.FORECAST)
            .byDefault(new IntRange(1, 12)).cap(SpaceLimits::maxLookBack)
            .example("{\"type\":\"int\",\"min\":1,\"max\":12}")),
    /** Dropout rate after every LSTM layer, in [0, 1). */
    DROPOUT(define("dropout", Kind.FLOAT, Use.NETWORK, Task.FORECAST, Task.GENERATE)
            .byDefault(new FloatRange(0.0, 0.3, false, 0.1))
            .domain(v -> v < 0 || v >= 1 ? "dropout is the fraction of activations dropped: it must be at least 0 and"
                    + " less than 1, got " + SearchSpaceParser.fmt(v) : null)
            .example("{\"type\":\"float\",\"min\":0,\"max\":0.3}")),
    /** Minibatch size: windows of a series, or sequences of a text. */
    BATCH_SIZE(define("batchSize", Kind.INT, Use.MINIBATCHES, Task.FORECAST, Task.GENERATE)
            .byDefault(new Choice(List.of(16, 32))).byDefault(Task.GENERATE, new Choice(List.of(32, 64)))
            .cap(SpaceLimits::maxBatchSize).example("{\"type\":\"choice\",\"values\":[16,32]}")),
    /** Adam's learning rate. */
    LEARNING_RATE(define("learningRate", Kind.FLOAT, Use.NETWORK, Task.FORECAST, Task.GENERATE)
            .byDefault(new FloatRange(1e-3, 1e-2, true)).forGrid(new Choice(List.of(0.001, 0.003, 0.01)))
            .domain(v -> v <= 0 ? "learningRate must be greater than 0, got " + SearchSpaceParser.fmt(v) : null)
            .example("{\"type\":\"float\",\"min\":0.001,\"max\":0.01,\"log\":true}")),
    /** {@code none} or {@code log} (natural log of every input column), applied first. */
    TRANSFORM(define("transform", Kind.labels(Transform.values(), Transform::jsonName), Use.PREPROCESSING,
            Task.FORECAST)
            .byDefault(new Labels(List.of(Transform.NONE.jsonName())))
            .example("{\"type\":\"choice\",\"values\":[\"none\",\"log\"]}")
            .implicit(Transform.NONE.jsonName())
            .fromSeries(s -> new Labels(s.positive() ? List.of(Transform.NONE.jsonName(), Transform.LOG.jsonName())
                    : List.of(Transform.NONE.jsonName())), "log only when every value is > 0")),
    /** 0 (none), 1, or a seasonal lag: value[t] - value[t - lag], after the transform. */
    DIFFERENCE(define("difference", Kind.INT, Use.PREPROCESSING, Task.FORECAST)
            .byDefault(new Choice(List.of(0)))
            .domain(v -> v < 0 || v > Hyperparameter.MAX_DIFFERENCE
                    ? "difference is the lag subtracted (0: none, 1: previous value, 12: same month last year):"
                    + " it must be 0 to " + Hyperparameter.MAX_DIFFERENCE + ", got " + SearchSpaceParser.fmt(v)
                    : null)
            .example("{\"type\":\"choice\",\"values\":[0,1,12]}")
            .implicit(0).fromSeries(Hyperparameter::seriesLags, "the seasonal lag when the series is long enough")
            .hint("lags such as 0 (none), 1, 12")),
    /** {@code minmax} or {@code standard}, fitted on the training slice of the transformed, differenced values. */
    SCALER(define("scaler", Kind.labels(ScalerType.values(), ScalerType::jsonName), Use.PREPROCESSING, Task.FORECAST)
            .byDefault(new Labels(List.of(ScalerType.MIN_MAX.jsonName())))
            .example("{\"type\":\"choice\",\"values\":[\"minmax\",\"standard\"]}")
            .implicit(ScalerType.MIN_MAX.jsonName())
            .fromSeries(s -> new Labels(Arrays.stream(ScalerType.values()).map(ScalerType::jsonName).toList()), "")),
    /** Characters per training sequence of a text: the chunks the training slice is cut into. */
    SEQUENCE_LENGTH(define("sequenceLength", Kind.INT, Use.SEQUENCES, Task.GENERATE)
            .byDefault(new Choice(List.of(50, 100))).cap(SpaceLimits::maxLookBack)
            .example("{\"type\":\"choice\",\"values\":[50,100]}")),
    /** Truncated backpropagation through time: characters per gradient step within a sequence. */
    TBPTT_LENGTH(define("tbpttLength", Kind.INT, Use.NETWORK, Task.GENERATE)
            .byDefault(new Choice(List.of(25, 50))).cap(SpaceLimits::maxLookBack)
            .example("{\"type\":\"choice\",\"values\":[25,50]}"));

    /** Largest seasonal lag {@code difference} accepts (a week of hours is 168; a year of days 365). */
    public static final int MAX_DIFFERENCE = 400;

    /** What values a hyperparameter takes: whole numbers, fractions, or one of a fixed list of labels. */
    public record Kind(boolean integer, List<String> labels) {
        static final Kind INT = new Kind(true, List.of());
        static final Kind FLOAT = new Kind(false, List.of());

        static <E> Kind labels(E[] values, Function<E, String> label) {
            return new Kind(false, Arrays.stream(values).map(label).toList());
        }

        boolean categorical() {
            return !labels.isEmpty();
        }
    }

    /** Where a value enters training. */
    public enum Use {
        /** the network's shape or optimiser ({@code training/LstmNetwork}) */
        NETWORK,
        /** the windows cut from the series */
        WINDOWS,
        /** the minibatches the windows are fed in */
        MINIBATCHES,
        /** the preprocessing fitted on the training slice ({@code data/Preprocessing}) */
        PREPROCESSING,
        /** the sequences a text is cut into and the truncated backpropagation through them */
        SEQUENCES
    }

    /**
     * What a series tells about the defaults of the preprocessing keys.
     *
     * @param seasonality  the series' seasonal period (1: none)
     * @param positive     every value of every input column is &gt; 0 (the log transform is possible)
     * @param trainRows    rows of the training slice
     * @param maxLookBack  the largest look-back of the space
     */
    public record SeriesFacts(int seasonality, boolean positive, int trainRows, int maxLookBack) {
    }

    private final Definition d;

    Hyperparameter(Definition d) {
        this.d = d;
    }

    /** One hyperparameter's definition, as its constant spells it out. */
    private static final class Definition {
        private final String key;
        private final Kind kind;
        private final Use use;
        private final Set<Task> tasks;
        private final Map<Task, ParamSpec> defaults = new EnumMap<>(Task.class);
        private ParamSpec gridDefault;
        private ToIntFunction<SpaceLimits> cap;
        private Function<Double, String> domain;
        private String example;
        private Object implicitValue;
        private Function<SeriesFacts, ParamSpec> seriesDefault;
        private String seriesDefaultRule = "";
        private String choicesHint;

        private Definition(String key, Kind kind, Use use, Set<Task> tasks) {
            this.key = key;
            this.kind = kind;
            this.use = use;
            this.tasks = tasks;
        }

        /** The default of every task of the key. */
        Definition byDefault(ParamSpec spec) {
            tasks.forEach(t -> defaults.put(t, spec));
            return this;
        }

        /** The default of one task, where it needs another one. */
        Definition byDefault(Task task, ParamSpec spec) {
            defaults.put(task, spec);
            return this;
        }

        /** The default of grid search, which needs a finite list (else the task's default). */
        Definition forGrid(ParamSpec spec) {
            this.gridDefault = spec;
            return this;
        }

        /** The server cap: values are 1 to the cap. */
        Definition cap(ToIntFunction<SpaceLimits> cap) {
            this.cap = cap;
            return this;
        }

        /** What is wrong with a value (null: nothing), for uncapped keys. */
        Definition domain(Function<Double, String> domain) {
            this.domain = domain;
            return this;
        }

        Definition example(String example) {
            this.example = example;
            return this;
        }

        /** The value of trials stored before the key existed. */
        Definition implicit(Object value) {
            this.implicitValue = value;
            return this;
        }

        /** What a form suggests listing instead of the series default (else "a list of" the labels). */
        Definition hint(String choicesHint) {
            this.choicesHint = choicesHint;
            return this;
        }

        /** The default of an omitted key once the series is known, and that rule in words. */
        Definition fromSeries(Function<SeriesFacts, ParamSpec> seriesDefault, String rule) {
            this.seriesDefault = seriesDefault;
            this.seriesDefaultRule = rule;
            return this;
        }
    }

    private static Definition define(String key, Kind kind, Use use, Task first, Task... more) {
        return new Definition(key, kind, use, Collections.unmodifiableSet(EnumSet.of(first, more)));
    }

    /** JSON key in {@code searchSpace} and in a trial's params, e.g. {@code lookBack}. */
    public String key() {
        return d.key;
    }

    /** True for units, layers, lookBack, batchSize, difference, sequenceLength, tbpttLength; false for the others. */
    public boolean isInteger() {
        return d.kind.integer();
    }

    /** True for transform and scaler: their values are labels ({@link #labels()}), not numbers. */
    public boolean isCategorical() {
        return d.kind.categorical();
    }

    /** The allowed labels of a categorical key, in order; empty for numeric keys. */
    public List<String> labels() {
        return d.kind.labels();
    }

    /** True for the preprocessing keys (transform, difference, scaler): they only take {@code "type":"choice"}. */
    public boolean isChoiceOnly() {
        return d.use == Use.PREPROCESSING;
    }

    /** Where the value enters training. */
    public Use use() {
        return d.use;
    }

    /** The spec an omitted key takes (see the table above); grid search needs a finite list for learningRate. */
    public ParamSpec defaultSpec(boolean gridSearch) {
        return defaultSpec(Task.FORECAST, gridSearch);
    }

    /**
     * The spec an omitted key of a {@code task} experiment takes.
     *
     * @throws IllegalArgumentException when {@code task} does not search this key
     */
    public ParamSpec defaultSpec(Task task, boolean gridSearch) {
        ParamSpec spec = d.defaults.get(task);
        if (spec == null) {
            throw new IllegalArgumentException(d.key + " is not searched by a " + task.key() + " experiment");
        }
        return gridSearch && d.gridDefault != null ? d.gridDefault : spec;
    }

    /** The tasks whose experiments search this key. */
    public Set<Task> tasks() {
        return d.tasks;
    }

    /** True when the key's values spread over orders of magnitude (its default is log-uniform): a chart's log axis. */
    public boolean isLogScaled() {
        return d.defaults.values().stream().anyMatch(spec -> spec instanceof ParamSpec.FloatRange r && r.log());
    }

    /** The server cap on this key's values under {@code limits}, or {@link Integer#MAX_VALUE} for none. */
    public int cap(SpaceLimits limits) {
        return d.cap == null ? Integer.MAX_VALUE : d.cap.applyAsInt(limits);
    }

    /**
     * What is wrong with one value of this key under {@code limits} (a sentence saying what to give instead), or
     * null when it is allowed. Labels are checked against {@link #labels()} instead.
     */
    public String problem(double v, SpaceLimits limits) {
        if (d.cap != null) {
            if (v < 1) {
                return d.key + " must be at least 1, got " + SearchSpaceParser.fmt(v);
            }
            int max = cap(limits);
            return v > max ? d.key + " must be at most " + max + " (server limit), got "
                    + SearchSpaceParser.fmt(v) : null;
        }
        return d.domain == null ? null : d.domain.apply(v);
    }

    /** A valid spec of this key as JSON, for messages and placeholders. */
    public String example() {
        return d.example;
    }

    /**
     * The value a trial whose stored params lack this key was trained with (params stored before the preprocessing
     * keys existed): {@code none}, {@code 0}, {@code minmax}; null for the model keys, which are always stored.
     */
    public Object implicitValue() {
        return d.implicitValue;
    }

    /** The series' default spec of a preprocessing key (see the table above); empty for the model keys. */
    public Optional<ParamSpec> seriesDefault(SeriesFacts facts) {
        return d.seriesDefault == null ? Optional.empty() : Optional.of(d.seriesDefault.apply(facts));
    }

    /** The series default in words, for a form's help ("log only when every value is &gt; 0"); may be empty. */
    public String seriesDefaultRule() {
        return d.seriesDefaultRule;
    }

    /**
     * What a form suggests listing instead of the automatic default: "a list of none, log" for labels, "lags such as
     * 0 (none), 1, 12" for {@code difference}; empty for the model keys.
     */
    public String choicesHint() {
        if (d.choicesHint != null) {
            return d.choicesHint;
        }
        return isChoiceOnly() && isCategorical() ? "a list of " + String.join(", ", labels()) : "";
    }

    /**
     * A value of this key in its Java type: Integer for whole numbers, Double for fractions, String for labels.
     *
     * @throws IllegalArgumentException when {@code v} is of the wrong kind, not whole, or not one of the labels
     */
    public Object value(Object v) {
        if (isCategorical()) {
            if (!(v instanceof String s) || !labels().contains(s)) {
                throw new IllegalArgumentException(d.key + " must be one of " + labels() + ", got '" + v + "'");
            }
            return s;
        }
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException(d.key + " must be a number, got " + v);
        }
        double x = n.doubleValue();
        if (!isInteger()) {
            return x;
        }
        if (x != Math.rint(x) || x > Integer.MAX_VALUE || x < Integer.MIN_VALUE) {
            throw new IllegalArgumentException(d.key + " must be a whole number, got " + v);
        }
        return (int) x;
    }

    public static Optional<Hyperparameter> forKey(String key) {
        return Arrays.stream(values()).filter(h -> h.d.key.equals(key)).findFirst();
    }

    /** The JSON keys in declaration order. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(Hyperparameter::key).toList();
    }

    /** [0, 1, seasonality], leaving the seasonal lag out when it is 1 or the training slice too short for it. */
    private static ParamSpec seriesLags(SeriesFacts s) {
        List<Integer> lags = new ArrayList<>(List.of(0, 1));
        if (s.seasonality() > 1 && s.seasonality() <= MAX_DIFFERENCE
                && s.trainRows() >= s.maxLookBack() + s.seasonality() + DataRequirements.MIN_TRAIN_WINDOWS) {
            lags.add(s.seasonality());
        }
        return new Choice(lags);
    }
}
