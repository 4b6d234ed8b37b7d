package com.lstmautoml.core.trial;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.lstmautoml.core.space.Hyperparameter;
import com.lstmautoml.core.space.SearchSpaceParser;
import com.lstmautoml.core.space.Task;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hyperparameters of one trial, as proposed by a search strategy and stored in {@code trial.params}: one value
 * per {@link Hyperparameter} (Integer, Double or a label, as its kind says), in an {@link EnumMap}. The typed
 * accessors read the map; what each value means is documented on its {@link Hyperparameter}.
 *
 * <p>JSON (what Jackson writes and reads, and what {@code trial.params} holds): an object of the keys in
 * {@link Hyperparameter} order, e.g. {@code {"units":32,"layers":1,"lookBack":12,"dropout":0.1,"batchSize":16,
 * "learningRate":0.001,"transform":"none","difference":0,"scaler":"minmax"}}. Reading is strict: unknown keys,
 * nulls and values of the wrong kind are rejected, and a missing key is an error unless it has an
 * {@linkplain Hyperparameter#implicitValue() implicit value} (rows written before the preprocessing keys existed).
 */
public final class TrialParams {

    private final Task task;
    private final Map<Hyperparameter, Object> values;

    private TrialParams(Task task, Map<Hyperparameter, ?> given) {
        Map<Hyperparameter, Object> m = new EnumMap<>(Hyperparameter.class);
        for (Hyperparameter h : given.keySet()) {
            if (!h.tasks().contains(task)) {
                throw new IllegalArgumentException(h.key() + " is not a hyperparameter of a " + task.key() + " trial");
            }
        }
        for (Hyperparameter h : task.hyperparameters()) {
            Object v = given.get(h);
            if (v == null) {
                throw new IllegalArgumentException(h.key() + " is missing");
            }
            Object typed = h.value(v);
            if (typed instanceof Number n) {
                String problem = h.problem(n.doubleValue(), SearchSpaceParser.NO_LIMITS);
                if (problem != null) {
                    throw new IllegalArgumentException(problem);
                }
            }
            m.put(h, typed);
        }
        this.task = task;
        this.values = Collections.unmodifiableMap(m);
    }

    /** A forecasting trial's nine values, in {@link Hyperparameter} order. */
    public TrialParams(int units, int layers, int lookBack, double dropout, int batchSize, double learningRate,
                       String transform, int difference, String scaler) {
        this(Task.FORECAST, inOrder(Task.FORECAST, units, layers, lookBack, dropout, batchSize, learningRate,
                transform, difference, scaler));
    }

    /**
     * The six model hyperparameters with the default preprocessing (no transform, no differencing, min-max), which
     * is what every trial used before the preprocessing keys existed.
     */
    public TrialParams(int units, int layers, int lookBack, double dropout, int batchSize, double learningRate) {
        this(units, layers, lookBack, dropout, batchSize, learningRate,
                (String) Hyperparameter.TRANSFORM.implicitValue(), (Integer) Hyperparameter.DIFFERENCE.implicitValue(),
                (String) Hyperparameter.SCALER.implicitValue());
    }

    /**
     * Params from one value per hyperparameter of a task, which the keys tell ({@link Task#ofKeys}); numbers are
     * converted to the key's kind.
     *
     * @throws IllegalArgumentException when a key is missing or a value is not allowed
     */
    public static TrialParams of(Map<Hyperparameter, ?> values) {
        return of(Task.ofKeys(values.keySet().stream().map(Hyperparameter::key).toList()), values);
    }

    /** Params of a {@code task} trial from one value per hyperparameter of the task. */
    public static TrialParams of(Task task, Map<Hyperparameter, ?> values) {
        return new TrialParams(task, values);
    }

    /** What the trial's model learns: which hyperparameters it has. */
    public Task task() {
        return task;
    }

    /**
     * The value of {@code h}: Integer, Double or String, as {@link Hyperparameter#isInteger()} and its kind say.
     *
     * @throws IllegalArgumentException when {@code h} is not a hyperparameter of this trial's task
     */
    public Object get(Hyperparameter h) {
        Object v = values.get(h);
        if (v == null) {
            throw new IllegalArgumentException(h.key() + " is not a hyperparameter of a " + task.key() + " trial");
        }
        return v;
    }

    /** The value of {@code h} as a number; a label gives its position in {@link Hyperparameter#labels()}. */
    public double number(Hyperparameter h) {
        Object v = get(h);
        return v instanceof Number n ? n.doubleValue() : h.labels().indexOf(v);
    }

    /** All values in {@link Hyperparameter} order, as a copy the caller may change. */
    public Map<Hyperparameter, Object> asMap() {
        return new EnumMap<>(values);
    }

    /** These params with {@code h} set to {@code value}. */
    public TrialParams with(Hyperparameter h, Object value) {
        Map<Hyperparameter, Object> m = asMap();
        m.put(h, value);
        return new TrialParams(task, m);
    }

    /** These params with other preprocessing. */
    public TrialParams withPreprocessing(String transform, int difference, String scaler) {
        return with(Hyperparameter.TRANSFORM, transform).with(Hyperparameter.DIFFERENCE, difference)
                .with(Hyperparameter.SCALER, scaler);
    }

    /** LSTM units per layer. */
    public int units() {
        return (Integer) get(Hyperparameter.UNITS);
    }

    /** Number of stacked LSTM layers. */
    public int layers() {
        return (Integer) get(Hyperparameter.LAYERS);
    }

    /** Window length (time steps fed to the LSTM). */
    public int lookBack() {
        return (Integer) get(Hyperparameter.LOOK_BACK);
    }

    /** Dropout rate after every LSTM layer, in [0, 1). */
    public double dropout() {
        return (Double) get(Hyperparameter.DROPOUT);
    }

    /** Minibatch size. */
    public int batchSize() {
        return (Integer) get(Hyperparameter.BATCH_SIZE);
    }

    /** Adam's learning rate. */
    public double learningRate() {
        return (Double) get(Hyperparameter.LEARNING_RATE);
    }

    /** {@code none} or {@code log}, applied to every input column first. */
    public String transform() {
        return (String) get(Hyperparameter.TRANSFORM);
    }

    /** Lag of the differencing after the transform: 0 (none), 1, or a seasonal lag such as 12. */
    public int difference() {
        return (Integer) get(Hyperparameter.DIFFERENCE);
    }

    /** {@code minmax} or {@code standard}, fitted on the training slice. */
    public String scaler() {
        return (String) get(Hyperparameter.SCALER);
    }

    /** Characters per training sequence (generation). */
    public int sequenceLength() {
        return (Integer) get(Hyperparameter.SEQUENCE_LENGTH);
    }

    /** Characters per truncated-backpropagation step (generation). */
    public int tbpttLength() {
        return (Integer) get(Hyperparameter.TBPTT_LENGTH);
    }

    /** The JSON form: keys in {@link Hyperparameter} order. */
    @JsonValue
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        values.forEach((h, v) -> m.put(h.key(), v));
        return m;
    }

    /**
     * Reads the JSON form (see the class comment).
     *
     * @throws IllegalArgumentException naming the key at fault
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static TrialParams fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("trial params must be a JSON object, got " + json);
        }
        Task task = Task.ofKeys(json::fieldNames);
        Iterator<String> names = json.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (Hyperparameter.forKey(name).filter(h -> h.tasks().contains(task)).isEmpty()) {
                throw new IllegalArgumentException("unknown key '" + name + "': allowed are "
                        + String.join(", ", task.keys()));
            }
        }
        Map<Hyperparameter, Object> m = new EnumMap<>(Hyperparameter.class);
        for (Hyperparameter h : task.hyperparameters()) {
            JsonNode v = json.get(h.key());
            if (v == null) {
                if (h.implicitValue() != null) {
                    m.put(h, h.implicitValue());
                }
            } else if (v.isTextual()) {
                m.put(h, v.textValue());
            } else if (v.isNumber()) {
                m.put(h, v.numberValue());
            } else {
                throw new IllegalArgumentException(h.key() + " must be " + (h.isCategorical() ? "one of "
                        + h.labels() : "a number") + ", got " + v);
            }
        }
        return new TrialParams(task, m);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrialParams other && task == other.task && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("TrialParams[");
        values.forEach((h, v) -> b.append(h.ordinal() == 0 ? "" : ", ").append(h.key()).append('=').append(v));
        if (task != Task.FORECAST) {
            b.append(", task=").append(task.key());
        }
        return b.append(']').toString();
    }

    private static Map<Hyperparameter, Object> inOrder(Task task, Object... given) {
        Map<Hyperparameter, Object> m = new EnumMap<>(Hyperparameter.class);
        List<Hyperparameter> all = task.hyperparameters();
        for (int i = 0; i < all.size(); i++) {
            m.put(all.get(i), given[i]);
        }
        return m;
    }
}
