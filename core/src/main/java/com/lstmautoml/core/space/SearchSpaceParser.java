package com.lstmautoml.core.space;

import com.fasterxml.jackson.databind.JsonNode;
import com.lstmautoml.core.space.ParamSpec.Choice;
import com.lstmautoml.core.space.ParamSpec.FloatRange;
import com.lstmautoml.core.space.ParamSpec.IntRange;
import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates the {@code searchSpace} object of an experiment request. Every problem found is reported (not
 * just the first) in one {@link ValidationException} whose field paths start with {@code searchSpace}, e.g.
 * {@code searchSpace.units.min} or {@code searchSpace.batchSize.values[2]}.
 */
public final class SearchSpaceParser {

    /** Root of every field path reported. */
    public static final String ROOT = "searchSpace";

    /** Limits that never bite: for reading back stored spaces. */
    public static final SpaceLimits NO_LIMITS =
            new SpaceLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);

    static final List<String> TYPES = List.of("int", "float", "choice");
    private static final Map<String, List<String>> PROPERTIES = Map.of(
            "int", List.of("type", "min", "max", "step"),
            "float", List.of("type", "min", "max", "log", "step"),
            "choice", List.of("type", "values"));

    private SearchSpaceParser() {
    }

    /**
     * @param node       the {@code searchSpace} JSON object; null, JSON null or missing means all defaults; omitted
     *                   keys take {@link SearchSpace#defaults(boolean) defaults}
     * @param limits     server caps on units, layers, lookBack, batchSize
     * @param gridSearch true when the strategy is grid search: every key must then be a finite list (int range,
     *                   float range with a step, or choice) and the grid at most {@link SpaceLimits#MAX_GRID_SIZE}
     * @throws ValidationException listing all problems found
     */
    public static SearchSpace parse(JsonNode node, SpaceLimits limits, boolean gridSearch) {
        return parse(node, limits, gridSearch, Task.FORECAST);
    }

    /**
     * As {@link #parse(JsonNode, SpaceLimits, boolean)}, for an experiment of {@code task}: only the task's
     * hyperparameters are allowed, and omitted ones take the task's defaults.
     */
    public static SearchSpace parse(JsonNode node, SpaceLimits limits, boolean gridSearch, Task task) {
        List<FieldError> errors = new ArrayList<>();
        Map<Hyperparameter, ParamSpec> specs = new EnumMap<>(Hyperparameter.class);
        boolean structureOk = true;
        if (node != null && !node.isNull() && !node.isMissingNode()) {
            if (!node.isObject()) {
                errors.add(new FieldError(ROOT, "must be a JSON object mapping hyperparameter names ("
                        + String.join(", ", task.keys()) + ") to ranges, got " + describe(node)));
                throw new ValidationException(errors);
            }
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                var h = Hyperparameter.forKey(name);
                if (h.isEmpty()) {
                    errors.add(new FieldError(FieldError.child(ROOT, name), "unknown hyperparameter '"
                            + FieldError.excerpt(name) + "': allowed are " + String.join(", ", task.keys())));
                } else if (!h.get().tasks().contains(task)) {
                    errors.add(new FieldError(FieldError.child(ROOT, name), name + " is not searched by a "
                            + task.key() + " experiment: allowed are " + String.join(", ", task.keys())));
                }
            }
            for (Hyperparameter h : task.hyperparameters()) {
                JsonNode v = node.get(h.key());
                if (v != null && !v.isNull()) {
                    ParamSpec spec = new SpecReader(h, ROOT + "." + h.key(), limits, errors).read(v);
                    if (spec == null) {
                        structureOk = false;
                    } else {
                        specs.put(h, spec);
                    }
                }
            }
        }
        for (Hyperparameter h : task.hyperparameters()) {
            specs.putIfAbsent(h, defaultWithin(h, task, gridSearch, limits));
        }
        if (gridSearch) {
            for (Map.Entry<Hyperparameter, ParamSpec> e : specs.entrySet()) {
                if (!e.getValue().isDiscrete()) {
                    String path = ROOT + "." + e.getKey().key();
                    errors.add(new FieldError(path, "grid search needs a step or a list of values for " + path
                            + ": add \"step\" or use {\"type\":\"choice\",\"values\":[...]}"));
                }
            }
        }
        if (errors.isEmpty() && structureOk) {
            SearchSpace space = SearchSpace.of(task, specs);
            if (task == Task.GENERATE && space.tbpttLength().largest() > smallest(space.sequenceLength())) {
                errors.add(new FieldError(ROOT + "." + Hyperparameter.TBPTT_LENGTH.key(), "a truncated-backpropagation"
                        + " step longer than a sequence does nothing: the largest tbpttLength ("
                        + fmt(space.tbpttLength().largest()) + ") must be at most the shortest sequenceLength ("
                        + fmt(smallest(space.sequenceLength())) + ")"));
            } else if (gridSearch && space.gridSize() > SpaceLimits.MAX_GRID_SIZE) {
                errors.add(new FieldError(ROOT, "grid search over " + space.gridSize()
                        + " combinations is too large: at most " + SpaceLimits.MAX_GRID_SIZE
                        + " are allowed; use larger steps or fewer values"));
            } else {
                return space;
            }
        }
        throw new ValidationException(errors);
    }

    /** The keys that {@code node} (a request's {@code searchSpace}) leaves out or sets to null: all, for no node. */
    public static Set<Hyperparameter> omittedKeys(JsonNode node) {
        Set<Hyperparameter> omitted = EnumSet.noneOf(Hyperparameter.class);
        for (Hyperparameter h : Hyperparameter.values()) {
            JsonNode v = node == null || !node.isObject() ? null : node.get(h.key());
            if (v == null || v.isNull()) {
                omitted.add(h);
            }
        }
        return omitted;
    }

    /**
     * The default spec of {@code h} ({@link SearchSpace#defaults}), cut down to the server caps: an int range's max
     * becomes at most the cap, a choice keeps the values within the cap (or the cap alone if none is).
     */
    static ParamSpec defaultWithin(Hyperparameter h, Task task, boolean gridSearch, SpaceLimits limits) {
        ParamSpec spec = h.defaultSpec(task, gridSearch);
        int cap = h.cap(limits);
        if (spec instanceof IntRange r && r.max() > cap) {
            int min = Math.min(r.min(), cap);
            return new IntRange(min, Math.max(min, cap - (cap - min) % r.effectiveStep()), r.step());
        }
        if (spec instanceof Choice c && c.largest() > cap) {
            List<Number> within = c.values().stream().filter(v -> v.doubleValue() <= cap).map(v -> (Number) v).toList();
            return new Choice(within.isEmpty() ? List.of(cap) : within);
        }
        return spec;
    }

    /** Reads one key's spec; returns null (having reported errors) when it is invalid. */
    private static final class SpecReader {
        private final Hyperparameter h;
        private final String path;
        private final SpaceLimits limits;
        private final List<FieldError> errors;
        private final int errorsBefore;

        SpecReader(Hyperparameter h, String path, SpaceLimits limits, List<FieldError> errors) {
            this.h = h;
            this.path = path;
            this.limits = limits;
            this.errors = errors;
            this.errorsBefore = errors.size();
        }

        ParamSpec read(JsonNode node) {
            if (!node.isObject()) {
                error(path, "must be an object such as " + example() + ", got " + describe(node));
                return null;
            }
            JsonNode typeNode = node.get("type");
            if (typeNode == null || typeNode.isNull()) {
                error(path + ".type", "missing: use one of " + String.join(", ", TYPES));
                return null;
            }
            String type = typeNode.isTextual() ? typeNode.asText() : null;
            if (type == null || !TYPES.contains(type)) {
                error(path + ".type", "unknown type " + describe(typeNode) + ": use one of " + String.join(", ", TYPES));
                return null;
            }
            if (h.isChoiceOnly() && !type.equals("choice")) {
                error(path + ".type", h.key() + " takes a list of choices only: use " + example());
                return null;
            }
            if (h.isInteger() && type.equals("float")) {
                error(path + ".type", h.key() + " takes whole numbers: use type int or choice");
                return null;
            }
            if (!h.isInteger() && type.equals("int")) {
                error(path + ".type", h.key() + " takes fractional values: use type float or choice");
                return null;
            }
            List<String> allowed = PROPERTIES.get(type);
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    error(FieldError.child(path, name), "'" + FieldError.excerpt(name) + "' is not a property of type "
                            + type + ": allowed are " + String.join(", ", allowed));
                }
            }
            ParamSpec spec = switch (type) {
                case "int" -> readInt(node);
                case "float" -> readFloat(node);
                default -> readChoice(node);
            };
            if (spec != null && spec.isDiscrete() && spec.size() > SpaceLimits.MAX_GRID_SIZE) {
                error(path + ".step", "gives " + (spec.size() == Long.MAX_VALUE ? "too many" : spec.size())
                        + " values, at most " + SpaceLimits.MAX_GRID_SIZE
                        + " are allowed: use a larger step");
                return null;
            }
            return errors.size() == errorsBefore ? spec : null;
        }

        private ParamSpec readInt(JsonNode node) {
            Integer min = intField(node, "min", true);
            Integer max = intField(node, "max", true);
            Integer step = intField(node, "step", false);
            if (step != null && step < 1) {
                error(path + ".step", "must be at least 1, got " + step);
            }
            if (min != null) {
                checkDomain(path + ".min", min);
            }
            if (max != null) {
                checkDomain(path + ".max", max);
            }
            if (min != null && max != null && min > max) {
                error(path + ".min", "min (" + min + ") is greater than max (" + max + "): swap them");
            }
            if (errors.size() != errorsBefore) {
                return null;
            }
            return new IntRange(min, max, step);
        }

        private ParamSpec readFloat(JsonNode node) {
            Double min = doubleField(node, "min", true);
            Double max = doubleField(node, "max", true);
            Double step = doubleField(node, "step", false);
            boolean log = false;
            JsonNode logNode = node.get("log");
            if (logNode != null && !logNode.isNull()) {
                if (logNode.isBoolean()) {
                    log = logNode.booleanValue();
                } else {
                    error(path + ".log", "must be true or false, got " + describe(logNode));
                }
            }
            if (step != null && !(step > 0)) {
                error(path + ".step", "must be greater than 0, got " + fmt(step));
            }
            if (step != null && log) {
                error(path + ".step", "a step cannot be combined with a log scale: for log-spaced values use "
                        + "{\"type\":\"choice\",\"values\":[...]}");
            }
            boolean minOk = min != null && checkDomain(path + ".min", min);
            if (max != null) {
                checkDomain(path + ".max", max);
            }
            if (log && minOk && min <= 0) {
                error(path + ".min", "a log scale needs min > 0, got " + fmt(min));
            }
            if (min != null && max != null && min > max) {
                error(path + ".min", "min (" + fmt(min) + ") is greater than max (" + fmt(max) + "): swap them");
            }
            if (errors.size() != errorsBefore) {
                return null;
            }
            return new FloatRange(min, max, log, step);
        }

        private ParamSpec readChoice(JsonNode node) {
            JsonNode values = node.get("values");
            String vpath = path + ".values";
            if (values == null || values.isNull()) {
                error(vpath, "missing: give the list of values to try, e.g. " + example());
                return null;
            }
            if (!values.isArray()) {
                error(vpath, "must be a list of numbers, got " + describe(values));
                return null;
            }
            if (values.isEmpty()) {
                error(vpath, "is empty: give at least one value");
                return null;
            }
            if (values.size() > SpaceLimits.MAX_GRID_SIZE) {
                error(vpath, "has " + values.size() + " values, at most " + SpaceLimits.MAX_GRID_SIZE
                        + " are allowed: list fewer values");
                return null;
            }
            if (h.isCategorical()) {
                return readLabels(values, vpath);
            }
            List<Number> out = new ArrayList<>();
            Map<Double, Integer> firstIndex = new HashMap<>();
            for (int i = 0; i < values.size(); i++) {
                String ipath = vpath + "[" + i + "]";
                JsonNode v = values.get(i);
                Double d = number(ipath, v);
                if (d == null) {
                    continue;
                }
                if (h.isInteger() && !isWhole(v, d)) {
                    error(ipath, h.key() + " takes whole numbers, got " + FieldError.excerpt(v.toString()));
                    continue;
                }
                if (!checkDomain(ipath, d)) {
                    continue;
                }
                Integer first = firstIndex.putIfAbsent(d, i);
                if (first != null) {
                    error(ipath, "duplicate of values[" + first + "]: list each value once");
                    continue;
                }
                out.add(h.isInteger() ? (Number) (int) (double) d : d);
            }
            if (errors.size() != errorsBefore) {
                return null;
            }
            return new Choice(out);
        }

        private ParamSpec readLabels(JsonNode values, String vpath) {
            List<String> out = new ArrayList<>();
            String allowed = String.join(", ", h.labels());
            for (int i = 0; i < values.size(); i++) {
                String ipath = vpath + "[" + i + "]";
                JsonNode v = values.get(i);
                if (!v.isTextual() || !h.labels().contains(v.asText())) {
                    error(ipath, "unknown " + h.key() + " " + (v.isTextual() ? "'" + FieldError.excerpt(v.asText()) + "'" : describe(v))
                            + ": allowed are " + allowed);
                    continue;
                }
                if (out.contains(v.asText())) {
                    error(ipath, "duplicate of values[" + out.indexOf(v.asText()) + "]: list each value once");
                    continue;
                }
                out.add(v.asText());
            }
            if (errors.size() != errorsBefore) {
                return null;
            }
            return new ParamSpec.Labels(out);
        }

        /** Reports a domain or cap violation of one value; returns true when the value is fine. */
        private boolean checkDomain(String field, double v) {
            String msg = h.problem(v, limits);
            if (msg != null) {
                error(field, msg);
                return false;
            }
            return true;
        }

        private Integer intField(JsonNode node, String name, boolean required) {
            JsonNode v = present(node, name, required);
            if (v == null) {
                return null;
            }
            Double d = number(path + "." + name, v);
            if (d == null) {
                return null;
            }
            if (!isWhole(v, d)) {
                error(path + "." + name, "must be a whole number, got " + FieldError.excerpt(v.toString()));
                return null;
            }
            if (d > Integer.MAX_VALUE || d < Integer.MIN_VALUE) {
                error(path + "." + name, "is out of range, got " + FieldError.excerpt(v.toString()));
                return null;
            }
            return (int) (double) d;
        }

        private Double doubleField(JsonNode node, String name, boolean required) {
            JsonNode v = present(node, name, required);
            return v == null ? null : number(path + "." + name, v);
        }

        private JsonNode present(JsonNode node, String name, boolean required) {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                if (required) {
                    error(path + "." + name, "missing: give the " + (name.equals("min") ? "smallest" : "largest")
                            + " value to try, e.g. " + example());
                }
                return null;
            }
            return v;
        }

        private Double number(String field, JsonNode v) {
            if (!v.isNumber()) {
                error(field, "must be a number, got " + describe(v));
                return null;
            }
            double d = v.doubleValue();
            if (!Double.isFinite(d)) {
                error(field, "must be a finite number, got " + FieldError.excerpt(v.toString()));
                return null;
            }
            return d;
        }

        private static boolean isWhole(JsonNode v, double d) {
            if (v.isIntegralNumber()) {
                return true;
            }
            return v.isBigDecimal() ? isIntegral(v.decimalValue()) : d == Math.rint(d);
        }

        private static boolean isIntegral(BigDecimal b) {
            return b.signum() == 0 || b.scale() <= 0 || b.stripTrailingZeros().scale() <= 0;
        }

        private String example() {
            return h.example();
        }

        private void error(String field, String message) {
            errors.add(new FieldError(field, message));
        }
    }

    /** The smallest value a (discrete) spec can produce. */
    private static double smallest(ParamSpec spec) {
        return spec.discreteValues().stream().mapToDouble(Number::doubleValue).min().orElseThrow();
    }

    private static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "the text " + FieldError.excerpt(v.toString());
        }
        if (v.isBoolean()) {
            return "the boolean " + v;
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isObject()) {
            return "an object";
        }
        return FieldError.excerpt(v.toString());
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
