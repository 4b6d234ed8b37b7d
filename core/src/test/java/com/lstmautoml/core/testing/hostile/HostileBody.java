package com.lstmautoml.core.testing.hostile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

/**
 * A generated request body: the mutations applied (for the failure report), the JSON text sent over HTTP and, when
 * the text is not a faithful picture of it (duplicate keys, nesting too deep for the JSON parser), no node.
 *
 * @param steps what was done to the valid body, in order
 * @param node  the body as a node, or null when only {@code text} is meaningful
 * @param text  the body as sent (may be invalid JSON: NaN numbers, nesting beyond the parser's limit)
 */
public record HostileBody(List<String> steps, JsonNode node, String text) {

    public HostileBody {
        steps = List.copyOf(steps);
    }

    /** The node, else the text read by {@link HostileJson#MAPPER}; empty when the text is not acceptable JSON. */
    public Optional<JsonNode> parsed() {
        if (node != null) {
            return Optional.of(node);
        }
        try {
            return Optional.ofNullable(HostileJson.MAPPER.readTree(text));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "HostileBody" + steps + " " + Abbrev.of(text);
    }
}
