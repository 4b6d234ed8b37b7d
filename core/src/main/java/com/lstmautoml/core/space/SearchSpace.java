package com.lstmautoml.core.space;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lstmautoml.core.space.ParamSpec.Choice;
import com.lstmautoml.core.space.ParamSpec.FloatRange;
import com.lstmautoml.core.space.ParamSpec.IntRange;
import com.lstmautoml.core.space.ParamSpec.Labels;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One {@link ParamSpec} for each hyperparameter (six model keys, three preprocessing keys). Build it with {@link SearchSpaceParser#parse}; store it
 * with {@link #toJson()} (also what Jackson writes) and read it back with {@link #fromJson(JsonNode)} (also what
 * Jackson reads).
 *
 * <p>Integer keys (units, layers, lookBack, batchSize) take {@link IntRange} or {@link Choice} of Integers; float keys
 * (dropout, learningRate) take {@link FloatRange} or {@link Choice} of Doubles. The constructor enforces that and
 * normalises choice values to Integer/Double, so equal spaces are {@code equals}.
 */
public record SearchSpace(ParamSpec units, ParamSpec layers, ParamSpec lookBack, ParamSpec dropout,
                          ParamSpec batchSize, ParamSpec learningRate, ParamSpec transform, ParamSpec difference,
                          ParamSpec scaler) {

    /*
     * Defaults for omitted keys, THE place they are documented. Chosen for short monthly series (AirPassengers:
     * 144 points) and quick CPU training:
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
     * An experiment's request that leaves a preprocessing key out gets the SERIES' default instead
     * (withSeriesDefaults), which searches what matters for a trending, seasonal series:
     *   transform    choice ["none", "log"]          (["none"] unless every input value is > 0)
     *   difference   choice [0, 1, seasonality]      (without the seasonal lag when it is 1 or too long)
     *   scaler       choice ["minmax", "standard"]
     */
    static final ParamSpec DEFAULT_UNITS = new IntRange(8, 64, 8);
    static final ParamSpec DEFAULT_LAYERS = new IntRange(1, 2, null);
    static final ParamSpec DEFAULT_LOOK_BACK = new IntRange(1, 12, null);
    static final ParamSpec DEFAULT_DROPOUT = new FloatRange(0.0, 0.3, false, 0.1);
    static final ParamSpec DEFAULT_BATCH_SIZE = new Choice(List.of(16, 32));
    static final ParamSpec DEFAULT_LEARNING_RATE = new FloatRange(1e-3, 1e-2, true, null);
    static final ParamSpec DEFAULT_LEARNING_RATE_GRID = new Choice(List.of(0.001, 0.003, 0.01));
    static final ParamSpec DEFAULT_TRANSFORM = new Labels(List.of("none"));
    static final ParamSpec DEFAULT_DIFFERENCE = new Choice(List.of(0));
    static final ParamSpec DEFAULT_SCALER = new Labels(List.of("minmax"));

    /** Largest seasonal lag {@code difference} accepts (a week of hours is 168; a year of days 365). */
    public static final int MAX_DIFFERENCE = 400;

    public SearchSpace {
        units = checked(Hyperparameter.UNITS, units);
        layers = checked(Hyperparameter.LAYERS, layers);
        lookBack = checked(Hyperparameter.LOOK_BACK, lookBack);
        dropout = checked(Hyperparameter.DROPOUT, dropout);
        batchSize = checked(Hyperparameter.BATCH_SIZE, batchSize);
        learningRate = checked(Hyperparameter.LEARNING_RATE, learningRate);
        transform = checked(Hyperparameter.TRANSFORM, transform);
        difference = checked(Hyperparameter.DIFFERENCE, difference);
        scaler = checked(Hyperparameter.SCALER, scaler);
    }

    /** The six model keys; transform, difference and scaler take their defaults (none, 0, minmax). */
    public SearchSpace(ParamSpec units, ParamSpec layers, ParamSpec lookBack, ParamSpec dropout, ParamSpec batchSize,
                       ParamSpec learningRate) {
        this(units, layers, lookBack, dropout, batchSize, learningRate, DEFAULT_TRANSFORM, DEFAULT_DIFFERENCE,
                DEFAULT_SCALER);
    }

    /** The space used when the request gives no {@code searchSpace}: all defaults. */
    public static SearchSpace defaults(boolean gridSearch) {
        return new SearchSpace(DEFAULT_UNITS, DEFAULT_LAYERS, DEFAULT_LOOK_BACK, DEFAULT_DROPOUT, DEFAULT_BATCH_SIZE,
                gridSearch ? DEFAULT_LEARNING_RATE_GRID : DEFAULT_LEARNING_RATE, DEFAULT_TRANSFORM,
                DEFAULT_DIFFERENCE, DEFAULT_SCALER);
    }

    /**
     * This space with the preprocessing keys among {@code omitted} set from the series (see the table above):
     * {@code transform} [none, log] when {@code positive} (every value of every input column &gt; 0), else [none];
     * {@code difference} [0, 1, seasonality], leaving out the seasonal lag when it is 1 or when the training slice is
     * too short for it with this space's largest look-back ({@link com.lstmautoml.core.data.DataRequirements});
     * {@code scaler} [minmax, standard]. Keys the request gave stay as they are.
     */
    public SearchSpace withSeriesDefaults(Set<Hyperparameter> omitted, int seasonality, boolean positive,
                                          int trainRows) {
        Map<Hyperparameter, ParamSpec> specs = asMap();
        if (omitted.contains(Hyperparameter.TRANSFORM)) {
            specs.put(Hyperparameter.TRANSFORM, new Labels(positive ? List.of("none", "log") : List.of("none")));
        }
        if (omitted.contains(Hyperparameter.DIFFERENCE)) {
            List<Integer> lags = new ArrayList<>(List.of(0, 1));
            if (seasonality > 1 && seasonality <= MAX_DIFFERENCE && trainRows
                    >= maxLookBack() + seasonality + com.lstmautoml.core.data.DataRequirements.MIN_TRAIN_WINDOWS) {
                lags.add(seasonality);
            }
            specs.put(Hyperparameter.DIFFERENCE, new Choice(lags));
        }
        if (omitted.contains(Hyperparameter.SCALER)) {
            specs.put(Hyperparameter.SCALER, new Labels(List.of("minmax", "standard")));
        }
        return of(specs);
    }

    /** A space from one spec per hyperparameter. */
    public static SearchSpace of(Map<Hyperparameter, ParamSpec> specs) {
        return new SearchSpace(specs.get(Hyperparameter.UNITS), specs.get(Hyperparameter.LAYERS),
                specs.get(Hyperparameter.LOOK_BACK), specs.get(Hyperparameter.DROPOUT),
                specs.get(Hyperparameter.BATCH_SIZE), specs.get(Hyperparameter.LEARNING_RATE),
                specs.get(Hyperparameter.TRANSFORM), specs.get(Hyperparameter.DIFFERENCE),
                specs.get(Hyperparameter.SCALER));
    }

    /** The default spec of one hyperparameter (see the table above). */
    public static ParamSpec defaultSpec(Hyperparameter h, boolean gridSearch) {
        return defaults(gridSearch).get(h);
    }

    public ParamSpec get(Hyperparameter h) {
        return switch (h) {
            case UNITS -> units;
            case LAYERS -> layers;
            case LOOK_BACK -> lookBack;
            case DROPOUT -> dropout;
            case BATCH_SIZE -> batchSize;
            case LEARNING_RATE -> learningRate;
            case TRANSFORM -> transform;
            case DIFFERENCE -> difference;
            case SCALER -> scaler;
        };
    }

    /** All specs in {@link Hyperparameter} order. */
    public Map<Hyperparameter, ParamSpec> asMap() {
        Map<Hyperparameter, ParamSpec> m = new EnumMap<>(Hyperparameter.class);
        for (Hyperparameter h : Hyperparameter.values()) {
            m.put(h, get(h));
        }
        return m;
    }

    /** The longest window any trial of this space can use: the dataset must be longer than this. */
    public int maxLookBack() {
        return (int) lookBack.largest();
    }

    /** The largest {@code difference} lag any trial of this space can use (0: none). */
    public int maxDifference() {
        return (int) difference.largest();
    }

    /** True when some trial of this space may use the log transform (the data must then be positive). */
    public boolean mayUseLog() {
        return ((Labels) transform).values().contains("log");
    }

    /** True when every spec is a finite list (grid search possible). */
    public boolean isGriddable() {
        return asMap().values().stream().allMatch(ParamSpec::isDiscrete);
    }

    /**
     * Number of combinations of a grid search (product of the list sizes), saturating at {@link Long#MAX_VALUE}.
     *
     * @throws IllegalStateException when a float range is continuous
     */
    public long gridSize() {
        long n = 1;
        for (Map.Entry<Hyperparameter, ParamSpec> e : asMap().entrySet()) {
            long s = e.getValue().size();
            if (s < 0) {
                throw new IllegalStateException(e.getKey().key() + " is a continuous range: no grid");
            }
            n = (n > Long.MAX_VALUE / s) ? Long.MAX_VALUE : n * s;
        }
        return n;
    }

    /** The JSON form, keys in {@link Hyperparameter} order; {@link #fromJson} reads it back to an equal space. */
    @JsonValue
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        for (Hyperparameter h : Hyperparameter.values()) {
            ObjectNode o = root.putObject(h.key());
            ParamSpec spec = get(h);
            if (spec instanceof IntRange r) {
                o.put("type", "int").put("min", r.min()).put("max", r.max());
                if (r.step() != null) {
                    o.put("step", r.step());
                }
            } else if (spec instanceof FloatRange r) {
                o.put("type", "float").put("min", r.min()).put("max", r.max()).put("log", r.log());
                if (r.step() != null) {
                    o.put("step", r.step());
                }
            } else if (spec instanceof Labels l) {
                ArrayNode a = o.put("type", "choice").putArray("values");
                l.values().forEach(a::add);
            } else if (spec instanceof Choice c) {
                o.put("type", "choice");
                ArrayNode a = o.putArray("values");
                for (Number v : c.values()) {
                    if (h.isInteger()) {
                        a.add(v.intValue());
                    } else {
                        a.add(v.doubleValue());
                    }
                }
            }
        }
        return root;
    }

    /**
     * Reads a stored space (the form {@link #toJson()} writes). Validated structurally, without server caps and
     * without grid requirements, so a space stored under other limits still reads back.
     *
     * @throws com.lstmautoml.core.validation.ValidationException if the JSON is not a valid space
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static SearchSpace fromJson(JsonNode json) {
        return SearchSpaceParser.parse(json, SearchSpaceParser.NO_LIMITS, false);
    }

    private static ParamSpec checked(Hyperparameter h, ParamSpec spec) {
        Objects.requireNonNull(spec, h.key());
        if (h.isCategorical() != spec instanceof Labels) {
            throw new IllegalArgumentException(h.key() + (h.isCategorical() ? " takes a choice of labels "
                    + h.labels() : " takes numbers, not labels"));
        }
        if (spec instanceof Labels l) {
            for (String v : l.values()) {
                if (!h.labels().contains(v)) {
                    throw new IllegalArgumentException(h.key() + " value '" + v + "' is not one of " + h.labels());
                }
            }
            if (l.values().stream().distinct().count() != l.values().size()) {
                throw new IllegalArgumentException(h.key() + " lists a value twice: " + l.values());
            }
            return spec;
        }
        if (h.isChoiceOnly() && !(spec instanceof Choice)) {
            throw new IllegalArgumentException(h.key() + " takes a choice only");
        }
        if (h.isInteger() && spec instanceof FloatRange) {
            throw new IllegalArgumentException(h.key() + " is an integer: float range not allowed");
        }
        if (!h.isInteger() && spec instanceof IntRange) {
            throw new IllegalArgumentException(h.key() + " is a float: int range not allowed");
        }
        if (spec instanceof Choice c) {
            List<Number> normalised = new ArrayList<>(c.values().size());
            for (Number v : c.values()) {
                if (h.isInteger()) {
                    double d = v.doubleValue();
                    if (d != Math.rint(d) || d > Integer.MAX_VALUE || d < Integer.MIN_VALUE) {
                        throw new IllegalArgumentException(h.key() + " choice " + v + " is not an int");
                    }
                    normalised.add((int) d);
                } else {
                    normalised.add(v.doubleValue());
                }
            }
            return new Choice(normalised);
        }
        return spec;
    }
}
