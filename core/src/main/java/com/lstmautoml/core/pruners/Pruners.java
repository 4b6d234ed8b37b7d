package com.lstmautoml.core.pruners;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The pruners by type name, each with its settings ({@link PrunerSetting}: key, default, range, declared by the
 * pruner class): {@code none}, {@code median} ({@link MedianPruner}: startupTrials 5, warmupEpochs 5), {@code asha}
 * ({@link AsyncSuccessiveHalvingPruner}: minEpochs 3, reductionFactor 3, bootstrapCount 0). The names match the CHECK
 * on {@code experiment.pruner}; the settings are stored in {@code experiment.pruner_settings}.
 *
 * <p>A request names a pruner as a string ({@code "asha"}: the defaults) or as an object
 * ({@code {"type": "asha", "minEpochs": 5, "reductionFactor": 3}}: settings left out take their defaults);
 * {@link #toJson} gives the object form with every setting filled in, which {@link #parse} reads back as the same
 * pruner.
 */
public final class Pruners {

    /** The default type name: ASHA with its default settings (see ExperimentSpec's default strategy). */
    public static final String DEFAULT = AsyncSuccessiveHalvingPruner.NAME;

    /**
     * A pruner type: its name, its settings and how to build one from values by key (a key left out takes its
     * default).
     */
    public record Type(String name, List<PrunerSetting> settings, Function<Map<String, Integer>, Pruner> build) {

        public Type {
            settings = List.copyOf(settings);
        }

        /** The type with its default settings. */
        public Pruner defaults() {
            return build.apply(Map.of());
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Type> TYPES = new LinkedHashMap<>();

    static {
        for (Type t : List.of(new Type(NoPruner.NAME, List.of(), values -> new NoPruner()),
                new Type(MedianPruner.NAME, MedianPruner.SETTINGS, MedianPruner::of),
                new Type(AsyncSuccessiveHalvingPruner.NAME, AsyncSuccessiveHalvingPruner.SETTINGS,
                        AsyncSuccessiveHalvingPruner::of))) {
            TYPES.put(t.name(), t);
        }
    }

    private Pruners() {
    }

    /** Allowed names: [none, median, asha]. */
    public static List<String> names() {
        return List.copyOf(TYPES.keySet());
    }

    /** The types in the order of {@link #names()}. */
    public static List<Type> types() {
        return List.copyOf(TYPES.values());
    }

    /**
     * The type named {@code name}.
     *
     * @throws ValidationException on field {@code pruner} listing the allowed names when {@code name} is unknown
     */
    public static Type type(String name) {
        return type(name, "pruner");
    }

    private static Type type(String name, String field) {
        Type t = name == null ? null : TYPES.get(name);
        if (t == null) {
            throw new ValidationException(field, (name == null ? "missing" : "unknown pruner '"
                    + FieldError.excerpt(name) + "'") + ": use one of " + String.join(", ", names()));
        }
        return t;
    }

    /**
     * The pruner {@code name} with its default settings.
     *
     * @throws ValidationException on field {@code pruner} listing the allowed names when {@code name} is unknown
     */
    public static Pruner forName(String name) {
        return type(name).defaults();
    }

    /**
     * The {@code pruner} of a request: absent or null is {@link #DEFAULT}, a string is a type with its defaults, an
     * object is {@code {"type": ..., <setting>: <whole number>, ...}} with settings left out taking their defaults.
     * Every problem is reported at once, on field {@code pruner}, {@code pruner.type} or {@code pruner.<setting>}
     * with the range.
     *
     * @param maxEpochs the experiment's maxEpochs, the upper end of the settings counted in epochs
     * @throws ValidationException listing every problem
     */
    public static Pruner parse(JsonNode node, int maxEpochs) {
        if (node == null || node.isNull()) {
            return forName(DEFAULT);
        }
        if (node.isTextual()) {
            return forName(node.textValue());
        }
        if (!node.isObject()) {
            throw new ValidationException("pruner", "must be a pruner name (" + String.join(", ", names())
                    + ") or an object like {\"type\": \"asha\", \"minEpochs\": 3}");
        }
        JsonNode typeNode = node.get("type");
        if (typeNode == null || typeNode.isNull()) {
            throw new ValidationException("pruner.type", "is required: one of " + String.join(", ", names()));
        }
        if (!typeNode.isTextual()) {
            throw new ValidationException("pruner.type", "must be a string: one of " + String.join(", ", names()));
        }
        Type type = type(typeNode.textValue(), "pruner.type");
        List<FieldError> errors = new ArrayList<>();
        Map<String, Integer> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            if (key.equals("type")) {
                continue;
            }
            PrunerSetting setting = type.settings().stream().filter(s -> s.key().equals(key)).findFirst()
                    .orElse(null);
            String field = FieldError.child("pruner", key);
            if (setting == null) {
                errors.add(new FieldError(field, "unknown setting '" + FieldError.excerpt(key) + "' of pruner "
                        + type.name() + "; " + (type.settings().isEmpty() ? "it has no settings"
                        : "its settings are " + String.join(", ", type.settings().stream().map(PrunerSetting::key)
                        .toList()))));
                continue;
            }
            JsonNode v = entry.getValue();
            int max = setting.max(maxEpochs);
            // the default is always accepted: the experiment shows every setting filled in, so a clone of an
            // experiment with few epochs sends defaults beyond them back (they never come into play)
            if (!v.isIntegralNumber() || !v.canConvertToInt() || (v.intValue() != setting.defaultValue()
                    && (v.intValue() < setting.min() || v.intValue() > max))) {
                errors.add(new FieldError(field, "must be a whole number " + setting.rangeText(maxEpochs)
                        + " (" + setting.meaning() + "), got " + FieldError.excerpt(v.toString())));
                continue;
            }
            values.put(key, v.intValue());
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return type.build().apply(values);
    }

    /**
     * A pruner as stored ({@code experiment.pruner} and its {@code pruner_settings}) or as {@link #toJson} wrote it:
     * the object form, whose settings were checked against the experiment's epochs when it was created. A stored
     * {@code {}} (experiments from before settings) is the type's defaults.
     *
     * @throws ValidationException when the stored form is not a pruner (a row edited by hand)
     */
    public static Pruner fromJson(JsonNode node) {
        return parse(node, Integer.MAX_VALUE);
    }

    /**
     * As {@link #fromJson(JsonNode)}, from JSON text (what {@code TrialQueue} reads of the experiment row).
     *
     * @throws IllegalArgumentException when {@code json} is not JSON
     */
    public static Pruner fromJson(String json) {
        try {
            return fromJson(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored pruner is not JSON: " + FieldError.excerpt(json), e);
        }
    }

    /** {@code {"type": name, <setting>: value, ...}} with every setting of the pruner, in its type's order. */
    public static ObjectNode toJson(Pruner pruner) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("type", pruner.name());
        o.setAll(settingsJson(pruner));
        return o;
    }

    /** Every setting of the pruner without its type: what {@code experiment.pruner_settings} holds. */
    public static ObjectNode settingsJson(Pruner pruner) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        pruner.settings().forEach(o::put);
        return o;
    }
}
