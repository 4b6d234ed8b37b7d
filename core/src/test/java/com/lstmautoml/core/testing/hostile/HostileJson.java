package com.lstmautoml.core.testing.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * jqwik generators of hostile JSON: odd strings and numbers, random values of any shape, deep nesting. Used by the
 * core property tests and (through core's test-jar) by the backend's endpoint fuzzing, which draws samples with
 * {@link Arbitrary#sampleStream()} and a fixed seed.
 */
public final class HostileJson {

    public static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** Length of the "enormous" strings: large, yet well under the JSON body cap. */
    public static final int ENORMOUS = 100_000;

    private HostileJson() {
    }

    /** Strings that break naive code: blanks, number look-alikes, unicode, control characters, injection, huge. */
    public static Arbitrary<String> strings() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("", " ", "\t\n", "NaN", "Infinity", "-Infinity", "nan", "inf", "null",
                        "true", "0", "-1", "1e999", "0x10", "1,5", "12abc", "\u0000", "\uFEFF", "\u202Eevil",
                        "\uD83D\uDE00", "\uD800", "Δ温度", "'; DROP TABLE experiment; --", "\" OR 1=1 --",
                        "../../etc/passwd", "<script>alert(1)</script>", "%s%n", "${jndi:ldap://x}", "random",
                        "grid", "none", "y", "x")),
                Tuple.of(3, Arbitraries.strings().ofMaxLength(40)),
                Tuple.of(1, Arbitraries.strings().all().ofMinLength(1).ofMaxLength(8)),
                Tuple.of(1, Arbitraries.of('a', 'é', '\u0000', '"', '\\', '\n').map(c -> String.valueOf(c).repeat(ENORMOUS))));
    }

    /** Numbers at and beyond every boundary, plus NaN and infinities (only programmatic nodes can hold those). */
    public static Arbitrary<JsonNode> numbers() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(0, 1, -1, 2, 7, 8, 9, 63, 64, 65, 100, 1000, 1001, 4096, 4097,
                        Integer.MAX_VALUE, Integer.MIN_VALUE).map(i -> (JsonNode) F.numberNode(i))),
                Tuple.of(2, Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, 1L << 31, -(1L << 31) - 1)
                        .map(l -> (JsonNode) F.numberNode(l))),
                Tuple.of(2, Arbitraries.of(0.0, -0.0, 0.5, 1.0, 1.5, 0.999999, 1e-300, Double.MIN_VALUE, 1e300,
                        -1e300, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                        8.0, 2.0000000001).map(d -> (JsonNode) F.numberNode(d))),
                Tuple.of(1, Arbitraries.of(new BigInteger("1" + "0".repeat(40)), new BigInteger("-9" + "9".repeat(400)))
                        .map(b -> (JsonNode) F.numberNode(b))),
                Tuple.of(1, Arbitraries.of(new BigDecimal("1e400"), new BigDecimal("1e-400"), new BigDecimal("8.000"),
                        new BigDecimal("0.1000000000000000000000000001")).map(b -> (JsonNode) F.numberNode(b))),
                Tuple.of(3, Arbitraries.integers().map(i -> (JsonNode) F.numberNode(i))),
                Tuple.of(2, Arbitraries.doubles().map(d -> (JsonNode) F.numberNode(d))));
    }

    /** Any scalar: null, booleans, numbers, strings. */
    public static Arbitrary<JsonNode> scalars() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(F.nullNode())),
                Tuple.of(1, Arbitraries.of(true, false).map(b -> (JsonNode) F.booleanNode(b))),
                Tuple.of(3, numbers()),
                Tuple.of(3, strings().map(s -> (JsonNode) F.textNode(s))));
    }

    /** Random JSON values of any shape, nested at most {@code depth} levels. */
    public static Arbitrary<JsonNode> values(int depth) {
        if (depth <= 0) {
            return scalars();
        }
        Arbitrary<JsonNode> inner = Arbitraries.lazy(() -> values(depth - 1));
        return Arbitraries.frequencyOf(
                Tuple.of(4, scalars()),
                Tuple.of(1, inner.list().ofMaxSize(5).map(HostileJson::array)),
                Tuple.of(1, Arbitraries.maps(keys(), inner).ofMaxSize(5).map(HostileJson::object)));
    }

    /** Object keys: mostly plausible names, some hostile ones. */
    public static Arbitrary<String> keys() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of("name", "dataset", "target", "features", "strategy", "maxTrials",
                        "parallelism", "maxEpochs", "patience", "seed", "split", "searchSpace", "pruner", "type",
                        "min", "max", "step", "log", "values", "units", "layers", "lookBack", "train", "validation")),
                Tuple.of(1, strings()));
    }

    /** Arrays nested {@code depth} deep around a 1, built as nodes (no parser limit applies). */
    public static JsonNode deeplyNested(int depth) {
        JsonNode node = F.numberNode(1);
        for (int i = 0; i < depth; i++) {
            ArrayNode a = F.arrayNode();
            a.add(node);
            node = a;
        }
        return node;
    }

    /** The JSON text of {@link #deeplyNested}; what a parser sees over HTTP. */
    public static String deeplyNestedText(int depth) {
        return "[".repeat(depth) + "1" + "]".repeat(depth);
    }

    static ArrayNode array(List<JsonNode> items) {
        ArrayNode a = F.arrayNode();
        items.forEach(a::add);
        return a;
    }

    static ObjectNode object(Map<String, JsonNode> fields) {
        ObjectNode o = F.objectNode();
        fields.forEach(o::set);
        return o;
    }
}
