package com.lstmautoml.core.testing.hostile;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lstmautoml.core.experiment.ExperimentLimits;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static com.lstmautoml.core.testing.hostile.HostileJson.F;
import static com.lstmautoml.core.testing.hostile.HostileJson.MAPPER;

/**
 * Valid experiment bodies and mutations of them: dropped, duplicated and retyped fields, numbers at and past the
 * caps, NaN/Infinity, enormous strings and arrays, deep nesting, unicode, wrong search-space shapes, min &gt; max,
 * unknown keys. Each sample is a {@link HostileBody} that says which mutations made it.
 */
public final class ExperimentBodies {

    private static final String[] SPACE_KEYS = {"units", "layers", "lookBack", "dropout", "batchSize",
            "learningRate", "transform", "difference", "scaler"};

    private ExperimentBodies() {
    }

    /** A valid body with every field given, within the default limits and any limits of at least 64/3/24/128. */
    public static ObjectNode valid(String dataset, String target, List<String> features) {
        ObjectNode body = F.objectNode();
        body.put("name", "hostile");
        body.put("dataset", dataset);
        body.put("target", target);
        ArrayNode f = body.putArray("features");
        features.forEach(f::add);
        body.put("strategy", "random");
        body.put("maxTrials", 2);
        body.put("parallelism", 1);
        body.put("maxEpochs", 2);
        body.put("patience", 1);
        body.put("seed", 7);
        body.putObject("split").put("train", 0.7).put("validation", 0.15);
        body.put("pruner", "none");
        ObjectNode s = body.putObject("searchSpace");
        s.set("units", json("{\"type\":\"int\",\"min\":4,\"max\":8,\"step\":4}"));
        s.set("layers", json("{\"type\":\"int\",\"min\":1,\"max\":2}"));
        s.set("lookBack", json("{\"type\":\"int\",\"min\":2,\"max\":4}"));
        s.set("dropout", json("{\"type\":\"float\",\"min\":0,\"max\":0.2,\"step\":0.1}"));
        s.set("batchSize", json("{\"type\":\"choice\",\"values\":[16,32]}"));
        s.set("learningRate", json("{\"type\":\"float\",\"min\":0.001,\"max\":0.01,\"log\":true}"));
        s.set("transform", json("{\"type\":\"choice\",\"values\":[\"none\",\"log\"]}"));
        s.set("difference", json("{\"type\":\"choice\",\"values\":[0,1]}"));
        s.set("scaler", json("{\"type\":\"choice\",\"values\":[\"minmax\",\"standard\"]}"));
        return body;
    }

    /** {@code base} with one to three mutations; {@code limits} are the caps the mutations probe. */
    public static Arbitrary<HostileBody> mutated(ObjectNode base, ExperimentLimits limits) {
        return mutation(limits).list().ofMinSize(1).ofMaxSize(3).map(ms -> apply(base, ms));
    }

    /** Random JSON of any shape as the whole body. */
    public static Arbitrary<HostileBody> randomBodies() {
        return HostileJson.values(4).map(v -> new HostileBody(List.of("random value"), v, write(v)));
    }

    /** Bodies that are not even JSON, or JSON too deep to read. */
    public static Arbitrary<HostileBody> malformedTexts() {
        return Arbitraries.of("", "{", "}", "{\"name\":}", "{'name':'x'}", "[1,2", "{\"a\":1,}", "nul", "\u0000",
                        "{\"maxTrials\":NaN}", "{\"maxTrials\":01}", "\uFEFF{}", "{\"name\":\"\\uD800\"}",
                        HostileJson.deeplyNestedText(100_000), "{\"searchSpace\":" + HostileJson.deeplyNestedText(5_000) + "}")
                .map(t -> new HostileBody(List.of("malformed text"), null, t));
    }

    /** One mutation: a description and what it does to a draft. */
    public record Mutation(String description, Consumer<Draft> action) {
        @Override
        public String toString() {
            return description;
        }
    }

    /** A body being mutated: the node, and raw JSON text to splice in where the node holds a placeholder. */
    public static final class Draft {
        JsonNode root;
        final Map<String, String> raw = new LinkedHashMap<>();
        final List<String> steps = new ArrayList<>();

        Draft(JsonNode root) {
            this.root = root;
        }

        List<JsonPointer> paths() {
            List<JsonPointer> out = new ArrayList<>();
            collect(root, JsonPointer.empty(), out);
            return out;
        }

        private static void collect(JsonNode n, JsonPointer at, List<JsonPointer> out) {
            out.add(at);
            if (n.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    collect(e.getValue(), at.appendProperty(e.getKey()), out);
                }
            } else if (n.isArray() && n.size() <= 50) {
                for (int i = 0; i < n.size(); i++) {
                    collect(n.get(i), at.appendIndex(i), out);
                }
            }
        }

        JsonPointer pick(int r) {
            List<JsonPointer> p = paths();
            return p.get(Math.floorMod(r, p.size()));
        }

        void set(JsonPointer at, JsonNode value) {
            if (at.matches()) {
                root = value;
                return;
            }
            JsonNode parent = root.at(at.head());
            JsonPointer last = at.last();
            if (parent instanceof ObjectNode o) {
                o.set(last.getMatchingProperty(), value);
            } else if (parent instanceof ArrayNode a && last.getMatchingIndex() >= 0
                    && last.getMatchingIndex() < a.size()) {
                a.set(last.getMatchingIndex(), value);
            }
        }

        void remove(JsonPointer at) {
            if (at.matches()) {
                return;
            }
            JsonNode parent = root.at(at.head());
            JsonPointer last = at.last();
            if (parent instanceof ObjectNode o) {
                o.remove(last.getMatchingProperty());
            } else if (parent instanceof ArrayNode a && last.getMatchingIndex() >= 0
                    && last.getMatchingIndex() < a.size()) {
                a.remove(last.getMatchingIndex());
            }
        }

        /** Puts raw JSON text at {@code at}; the node form is then no longer exact. */
        void setRaw(JsonPointer at, String text) {
            String key = "\u0001raw" + raw.size() + "\u0001";
            raw.put(key, text);
            set(at, F.textNode(key));
        }

        ObjectNode objectAt(String pointer) {
            JsonNode n = root.at(pointer);
            return n instanceof ObjectNode o ? o : null;
        }
    }

    static HostileBody apply(ObjectNode base, List<Mutation> mutations) {
        Draft d = new Draft(base.deepCopy());
        for (Mutation m : mutations) {
            d.steps.add(m.description());
            m.action().accept(d);
        }
        String text = write(d.root);
        for (Map.Entry<String, String> e : d.raw.entrySet()) {
            text = text.replace(write(F.textNode(e.getKey())), e.getValue());
        }
        return new HostileBody(d.steps, d.raw.isEmpty() ? d.root : null, text);
    }

    static Arbitrary<Mutation> mutation(ExperimentLimits limits) {
        Arbitrary<Integer> r = Arbitraries.integers().between(0, 1_000_000);
        List<Arbitrary<Mutation>> all = List.of(
                r.map(i -> new Mutation("drop #" + i, d -> d.remove(d.pick(i)))),
                Combinators.combine(r, HostileJson.values(2)).as((i, v) -> new Mutation("retype #" + i + " to "
                        + Abbrev.of(write(v)), d -> d.set(d.pick(i), v.deepCopy()))),
                Combinators.combine(r, HostileJson.numbers()).as((i, v) -> new Mutation("number #" + i + " = " + v,
                        d -> d.set(d.pick(i), v))),
                Combinators.combine(r, HostileJson.strings()).as((i, v) -> new Mutation("string #" + i + " = "
                        + Abbrev.of(v), d -> d.set(d.pick(i), F.textNode(v)))),
                Combinators.combine(r, Arbitraries.of("NaN", "Infinity", "-Infinity", "1e999", "-0", "1_000"))
                        .as((i, v) -> new Mutation("raw number #" + i + " = " + v, d -> d.setRaw(d.pick(i), v))),
                Combinators.combine(r, Arbitraries.of(1_000, 100_001, 200_000), Arbitraries.of(true, false))
                        .as((i, n, distinct) -> new Mutation("array #" + i + " of " + n + (distinct ? " distinct" : " equal")
                                + " numbers", d -> d.set(d.pick(i), bigArray(n, distinct)))),
                Combinators.combine(r, Arbitraries.of(50, 900, 5_000, 100_000)).as((i, depth) -> new Mutation(
                        "nest #" + i + " " + depth + " deep", d -> {
                            if (depth < 900) {
                                d.set(d.pick(i), HostileJson.deeplyNested(depth));
                            } else {
                                d.setRaw(d.pick(i), HostileJson.deeplyNestedText(depth));
                            }
                        })),
                Combinators.combine(r, HostileJson.values(1)).as((i, v) -> new Mutation("duplicate key at #" + i,
                        d -> duplicateKey(d, i, v))),
                Combinators.combine(r, HostileJson.keys(), HostileJson.values(1)).as((i, k, v) -> new Mutation(
                        "add key '" + Abbrev.of(k) + "' at #" + i, d -> {
                            JsonNode n = d.root.at(d.pick(i));
                            if (n instanceof ObjectNode o) {
                                o.set(k, v.deepCopy());
                            } else if (n instanceof ArrayNode a) {
                                a.add(v.deepCopy());
                            }
                        })),
                Arbitraries.of(SPACE_KEYS).map(k -> new Mutation("swap min/max of " + k, d -> {
                    ObjectNode o = d.objectAt("/searchSpace/" + k);
                    if (o != null && o.has("min") && o.has("max")) {
                        JsonNode min = o.get("min");
                        o.set("min", o.get("max"));
                        o.set("max", min);
                    }
                })),
                Combinators.combine(Arbitraries.of(SPACE_KEYS), spaceShapes()).as((k, shape) -> new Mutation(
                        "searchSpace." + k + " = " + shape, d -> {
                            ObjectNode s = d.objectAt("/searchSpace");
                            if (s != null) {
                                s.set(k, json(shape));
                            } else {
                                d.set(JsonPointer.compile("/searchSpace"), json("{}"));
                            }
                        })),
                Combinators.combine(Arbitraries.of("dropout", "learningRate"), floatShapes()).as((k, shape) ->
                        new Mutation("searchSpace." + k + " = " + shape, d -> {
                            if (d.objectAt("/searchSpace") != null) {
                                d.objectAt("/searchSpace").set(k, json(shape));
                            }
                        })),
                Combinators.combine(Arbitraries.of(SPACE_KEYS), Arbitraries.of(1_000, 100_001, 200_000))
                        .as((k, n) -> new Mutation("searchSpace." + k + " = choice of " + n + " values", d -> {
                            if (d.objectAt("/searchSpace") != null) {
                                ObjectNode spec = d.objectAt("/searchSpace").putObject(k);
                                spec.put("type", "choice");
                                ArrayNode values = spec.putArray("values");
                                for (int i = 1; i <= n; i++) {
                                    switch (k) {
                                        case "dropout", "learningRate" -> values.add(i / (n + 1.0));
                                        case "transform", "scaler" -> values.add(i % 2 == 0 ? "none" : "minmax");
                                        default -> values.add(i);
                                    }
                                }
                            }
                        })),
                Combinators.combine(Arbitraries.of("maxTrials", "parallelism", "maxEpochs", "patience", "units",
                        "layers", "lookBack", "batchSize"), Arbitraries.integers().between(-1, 1))
                        .as((f, delta) -> new Mutation(f + " = cap" + (delta < 0 ? "" : "+") + delta,
                                d -> nearCap(d, limits, f, delta))),
                Arbitraries.of("grid", "tpe", "genetic", "random", "GRID", "", "annealing").map(s -> new Mutation(
                        "strategy " + s, d -> {
                            if (d.root instanceof ObjectNode o) {
                                o.put("strategy", s);
                            }
                        })),
                Combinators.combine(Arbitraries.of("name", "dataset", "target"), HostileJson.strings())
                        .as((f, s) -> new Mutation(f + " = " + Abbrev.of(s), d -> {
                            if (d.root instanceof ObjectNode o) {
                                o.put(f, s);
                            }
                        })),
                Arbitraries.of(0.0, 0.3, 0.5, 0.85, 0.9, 1.0, -0.1, Double.NaN, Double.POSITIVE_INFINITY, 1e-320)
                        .tuple2().map(t -> new Mutation("split " + t.get1() + "/" + t.get2(), d -> {
                            if (d.root instanceof ObjectNode o) {
                                o.putObject("split").put("train", t.get1()).put("validation", t.get2());
                            }
                        })),
                HostileJson.values(3).map(v -> new Mutation("replace body by " + Abbrev.of(write(v)),
                        d -> d.root = v.deepCopy())));
        return Arbitraries.oneOf(all);
    }

    /** Search-space entries of the wrong shape or just past a rule. */
    static Arbitrary<String> spaceShapes() {
        return Arbitraries.of("[]", "5", "\"int\"", "null", "{}", "{\"type\":\"int\"}", "{\"type\":\"int\",\"min\":1}",
                "{\"type\":\"int\",\"min\":3,\"max\":1}", "{\"type\":\"int\",\"min\":0.5,\"max\":2}",
                "{\"type\":\"int\",\"min\":1,\"max\":2,\"step\":0}", "{\"type\":\"int\",\"min\":1,\"max\":2,\"step\":-3}",
                "{\"type\":\"int\",\"min\":1,\"max\":2,\"step\":2147483647}",
                "{\"type\":\"int\",\"min\":-2147483648,\"max\":2147483647}", "{\"type\":\"float\",\"min\":1,\"max\":0}",
                "{\"type\":\"float\",\"min\":0,\"max\":0.5,\"step\":1e-9}",
                "{\"type\":\"float\",\"min\":1e-300,\"max\":1e300,\"step\":1e-300}",
                "{\"type\":\"float\",\"min\":4.9e-324,\"max\":1.7e308,\"step\":4.9e-324}",
                "{\"type\":\"float\",\"min\":1e-300,\"max\":1e300,\"log\":true}",
                "{\"type\":\"float\",\"min\":0,\"max\":0.5,\"log\":true}",
                "{\"type\":\"float\",\"min\":0.1,\"max\":0.5,\"log\":\"yes\"}",
                "{\"type\":\"float\",\"min\":0.1,\"max\":0.5,\"log\":true,\"step\":0.1}",
                "{\"type\":\"choice\"}", "{\"type\":\"choice\",\"values\":[]}",
                "{\"type\":\"choice\",\"values\":\"16\"}", "{\"type\":\"choice\",\"values\":[16,16]}",
                "{\"type\":\"choice\",\"values\":[1e400]}", "{\"type\":\"choice\",\"values\":[null,true,\"x\",[1],{}]}",
                "{\"type\":\"choice\",\"values\":[\"none\",\"none\",\"sqrt\"]}",
                "{\"type\":\"choice\",\"values\":[0.5,1,2,400,401,-1]}",
                "{\"type\":\"choice\",\"values\":[8.0,16.000,1e1]}",
                "{\"type\":\"grid\",\"values\":[1]}", "{\"type\":7}", "{\"type\":\"INT\",\"min\":1,\"max\":2}",
                "{\"type\":\"int\",\"min\":1,\"max\":2,\"values\":[1]}");
    }

    /** Float ranges past a rule or too fine to count. */
    static Arbitrary<String> floatShapes() {
        return Arbitraries.of("{\"type\":\"float\",\"min\":1e-300,\"max\":1e300,\"step\":1e-300}",
                "{\"type\":\"float\",\"min\":4.9e-324,\"max\":0.9,\"step\":4.9e-324}",
                "{\"type\":\"float\",\"min\":0,\"max\":0.9,\"step\":1e-9}",
                "{\"type\":\"float\",\"min\":0,\"max\":0.9,\"step\":0.9}",
                "{\"type\":\"float\",\"min\":0.5,\"max\":0.5}",
                "{\"type\":\"float\",\"min\":0.5,\"max\":0.5,\"log\":true}",
                "{\"type\":\"float\",\"min\":-1,\"max\":0.5}",
                "{\"type\":\"float\",\"min\":0.1,\"max\":1}",
                "{\"type\":\"float\",\"min\":1e-300,\"max\":1e300,\"log\":true}",
                "{\"type\":\"float\",\"min\":0.1,\"max\":0.2,\"step\":1e300}");
    }

    private static void nearCap(Draft d, ExperimentLimits limits, String field, int delta) {
        if (!(d.root instanceof ObjectNode o)) {
            return;
        }
        switch (field) {
            case "maxTrials" -> o.put(field, limits.maxTrials() + delta);
            case "parallelism" -> o.put(field, limits.maxParallelism() + delta);
            case "maxEpochs" -> o.put(field, limits.maxEpochs() + delta);
            case "patience" -> o.put(field, limits.maxEpochs() + delta);
            default -> {
                int cap = switch (field) {
                    case "units" -> limits.space().maxUnits();
                    case "layers" -> limits.space().maxLayers();
                    case "lookBack" -> limits.space().maxLookBack();
                    default -> limits.space().maxBatchSize();
                };
                ObjectNode s = o.has("searchSpace") && o.get("searchSpace").isObject()
                        ? (ObjectNode) o.get("searchSpace") : o.putObject("searchSpace");
                s.set(field, delta == 0
                        ? json("{\"type\":\"choice\",\"values\":[1," + cap + "]}")
                        : json("{\"type\":\"int\",\"min\":1,\"max\":" + (cap + delta) + "}"));
            }
        }
    }

    private static void duplicateKey(Draft d, int i, JsonNode value) {
        JsonPointer at = d.pick(i);
        while (!(d.root.at(at) instanceof ObjectNode) && !at.matches()) {
            at = at.head();
        }
        if (!(d.root.at(at) instanceof ObjectNode o) || o.isEmpty()) {
            return;
        }
        String key = o.fieldNames().next();
        String text = write(o);
        String dup = text.substring(0, text.length() - 1) + "," + write(F.textNode(key)) + ":" + write(value) + "}";
        d.setRaw(at, dup);
    }

    private static ArrayNode bigArray(int n, boolean distinct) {
        ArrayNode a = F.arrayNode(n);
        for (int k = 0; k < n; k++) {
            a.add(distinct ? k + 1 : 16);
        }
        return a;
    }

    public static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
