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
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One {@link ParamSpec} for each {@link Hyperparameter}, in an {@link EnumMap}. Build it with
 * {@link SearchSpaceParser#parse}; store it with {@link #toJson()} (also what Jackson writes) and read it back with
 * {@link #fromJson(JsonNode)} (also what Jackson reads). The defaults of omitted keys are part of each key's
 * definition ({@link Hyperparameter}).
 *
 * <p>Integer keys take {@link IntRange} or {@link Choice} of Integers; float keys {@link FloatRange} or {@link Choice}
 * of Doubles; categorical keys {@link Labels}; choice-only keys no range. The constructor enforces that and normalises
 * choice values to Integer/Double, so equal spaces are {@code equals}.
 */
public final class SearchSpace {

    private final Task task;
    private final Map<Hyperparameter, ParamSpec> specs;

    private SearchSpace(Task task, Map<Hyperparameter, ParamSpec> specs) {
        this.task = task;
        Map<Hyperparameter, ParamSpec> checked = new EnumMap<>(Hyperparameter.class);
        for (Hyperparameter h : task.hyperparameters()) {
            checked.put(h, checked(h, specs.get(h)));
        }
        this.specs = Collections.unmodifiableMap(checked);
    }

    /** A forecasting space from one spec per hyperparameter, in {@link Hyperparameter} order. */
    public SearchSpace(ParamSpec units, ParamSpec layers, ParamSpec lookBack, ParamSpec dropout,
                       ParamSpec batchSize, ParamSpec learningRate, ParamSpec transform, ParamSpec difference,
                       ParamSpec scaler) {
        this(Task.FORECAST, inOrder(units, layers, lookBack, dropout, batchSize, learningRate, transform, difference,
                scaler));
    }

    /** A forecasting space of the six model keys; the preprocessing keys take their defaults (none, 0, minmax). */
    public SearchSpace(ParamSpec units, ParamSpec layers, ParamSpec lookBack, ParamSpec dropout, ParamSpec batchSize,
                       ParamSpec learningRate) {
        this(Task.FORECAST, inOrder(units, layers, lookBack, dropout, batchSize, learningRate));
    }

    /** The forecasting space used when the request gives no {@code searchSpace}: all defaults. */
    public static SearchSpace defaults(boolean gridSearch) {
        return defaults(Task.FORECAST, gridSearch);
    }

    /** The space of a {@code task} experiment whose request gives no {@code searchSpace}: all defaults. */
    public static SearchSpace defaults(Task task, boolean gridSearch) {
        Map<Hyperparameter, ParamSpec> m = new EnumMap<>(Hyperparameter.class);
        for (Hyperparameter h : task.hyperparameters()) {
            m.put(h, h.defaultSpec(task, gridSearch));
        }
        return new SearchSpace(task, m);
    }

    /**
     * This space with the keys among {@code omitted} that have a series default (the preprocessing keys, see
     * {@link Hyperparameter}) set from the series: {@code transform} [none, log] when {@code positive} (every value of
     * every input column &gt; 0), else [none]; {@code difference} [0, 1, seasonality], leaving out the seasonal lag
     * when it is 1 or when the training slice is too short for it with this space's largest look-back
     * ({@link com.lstmautoml.core.data.DataRequirements}); {@code scaler} [minmax, standard]. Keys the request gave
     * stay as they are.
     */
    public SearchSpace withSeriesDefaults(Set<Hyperparameter> omitted, int seasonality, boolean positive,
                                          int trainRows) {
        if (task != Task.FORECAST) {
            return this; // no key of a text's space depends on a series
        }
        Hyperparameter.SeriesFacts facts = new Hyperparameter.SeriesFacts(seasonality, positive, trainRows,
                maxLookBack());
        Map<Hyperparameter, ParamSpec> m = asMap();
        for (Hyperparameter h : omitted) {
            if (specs.containsKey(h)) {
                h.seriesDefault(facts).ifPresent(spec -> m.put(h, spec));
            }
        }
        return new SearchSpace(task, m);
    }

    /**
     * A space from one spec per hyperparameter, of the task its keys tell ({@link Task#ofKeys}); keys left out take
     * their defaults.
     */
    public static SearchSpace of(Map<Hyperparameter, ParamSpec> specs) {
        return of(Task.ofKeys(specs.keySet().stream().map(Hyperparameter::key).toList()), specs);
    }

    /**
     * A {@code task} space from one spec per hyperparameter of the task; keys left out take their defaults.
     *
     * @throws IllegalArgumentException for a key the task does not search
     */
    public static SearchSpace of(Task task, Map<Hyperparameter, ParamSpec> specs) {
        for (Hyperparameter h : specs.keySet()) {
            if (!h.tasks().contains(task)) {
                throw new IllegalArgumentException(h.key() + " is not searched by a " + task.key() + " experiment");
            }
        }
        Map<Hyperparameter, ParamSpec> m = new EnumMap<>(Hyperparameter.class);
        for (Hyperparameter h : task.hyperparameters()) {
            m.put(h, specs.getOrDefault(h, h.defaultSpec(task, false)));
        }
        return new SearchSpace(task, m);
    }

    /** What the space's models learn: which hyperparameters it holds. */
    public Task task() {
        return task;
    }

    /**
     * The spec of {@code h}.
     *
     * @throws IllegalArgumentException when {@code h} is not a hyperparameter of this space's task
     */
    public ParamSpec get(Hyperparameter h) {
        ParamSpec spec = specs.get(h);
        if (spec == null) {
            throw new IllegalArgumentException(h.key() + " is not a hyperparameter of a " + task.key()
                    + " experiment");
        }
        return spec;
    }

    public ParamSpec units() {
        return get(Hyperparameter.UNITS);
    }

    public ParamSpec layers() {
        return get(Hyperparameter.LAYERS);
    }

    public ParamSpec lookBack() {
        return get(Hyperparameter.LOOK_BACK);
    }

    public ParamSpec dropout() {
        return get(Hyperparameter.DROPOUT);
    }

    public ParamSpec batchSize() {
        return get(Hyperparameter.BATCH_SIZE);
    }

    public ParamSpec learningRate() {
        return get(Hyperparameter.LEARNING_RATE);
    }

    public ParamSpec transform() {
        return get(Hyperparameter.TRANSFORM);
    }

    public ParamSpec difference() {
        return get(Hyperparameter.DIFFERENCE);
    }

    public ParamSpec scaler() {
        return get(Hyperparameter.SCALER);
    }

    public ParamSpec sequenceLength() {
        return get(Hyperparameter.SEQUENCE_LENGTH);
    }

    public ParamSpec tbpttLength() {
        return get(Hyperparameter.TBPTT_LENGTH);
    }

    /** All specs of the task's hyperparameters in {@link Hyperparameter} order, as a copy the caller may change. */
    public Map<Hyperparameter, ParamSpec> asMap() {
        return new EnumMap<>(specs);
    }

    /** The longest window any trial of this space can use: the dataset must be longer than this. */
    public int maxLookBack() {
        return (int) lookBack().largest();
    }

    /** The largest {@code difference} lag any trial of this space can use (0: none). */
    public int maxDifference() {
        return (int) difference().largest();
    }

    /** True when some trial of this space may use the log transform (the data must then be positive). */
    public boolean mayUseLog() {
        return ((Labels) transform()).values().contains("log");
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
        for (Hyperparameter h : specs.keySet()) {
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
        Task task = json != null && json.isObject() ? Task.ofKeys(json::fieldNames) : Task.FORECAST;
        return SearchSpaceParser.parse(json, SearchSpaceParser.NO_LIMITS, false, task);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SearchSpace other && task == other.task && specs.equals(other.specs);
    }

    @Override
    public int hashCode() {
        return specs.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("SearchSpace[");
        specs.forEach((h, spec) -> b.append(h.ordinal() == 0 ? "" : ", ").append(h.key()).append('=').append(spec));
        if (task != Task.FORECAST) {
            b.append(", task=").append(task.key());
        }
        return b.append(']').toString();
    }

    /** The given specs against the forecasting keys in order; keys after the last given take defaults. */
    private static Map<Hyperparameter, ParamSpec> inOrder(ParamSpec... given) {
        Map<Hyperparameter, ParamSpec> m = new EnumMap<>(Hyperparameter.class);
        List<Hyperparameter> all = Task.FORECAST.hyperparameters();
        for (int i = 0; i < all.size(); i++) {
            Hyperparameter h = all.get(i);
            m.put(h, i < given.length ? Objects.requireNonNull(given[i], h.key()) : h.defaultSpec(false));
        }
        return m;
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
