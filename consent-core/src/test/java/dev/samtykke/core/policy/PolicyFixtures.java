package dev.samtykke.core.policy;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;

/** Test fixtures: the reference policy as a mutable tree, and its problems after a change. */
final class PolicyFixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    private PolicyFixtures() {
    }

    /** A fresh, mutable copy of examples/policy/jackon.json. */
    static ObjectNode jackon() {
        try (InputStream in = PolicyFixtures.class.getClassLoader().getResourceAsStream("policies/jackon.json")) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reference policy after {@code change}. */
    static ObjectNode jackonWith(Consumer<ObjectNode> change) {
        ObjectNode doc = jackon();
        change.accept(doc);
        return doc;
    }

    /** The object at a JSON pointer, e.g. {@code /purposes/1}. */
    static ObjectNode at(JsonNode doc, String pointer) {
        return (ObjectNode) doc.at(pointer);
    }

    /** The list at a JSON pointer, e.g. {@code /services/2/cookies}. */
    static ArrayNode listAt(JsonNode doc, String pointer) {
        return (ArrayNode) doc.at(pointer);
    }

    static byte[] bytes(JsonNode doc) {
        return JSON.writeValueAsBytes(doc);
    }

    /** Every problem of a document, as {@code path: message} lines. */
    static List<String> problems(JsonNode doc) {
        return problems(new String(bytes(doc), java.nio.charset.StandardCharsets.UTF_8), PolicyLoader.Format.JSON);
    }

    /** Every problem of a document, as {@code path: message} lines. */
    static List<String> problems(String doc, PolicyLoader.Format format) {
        return PolicyLoader.check(doc.getBytes(java.nio.charset.StandardCharsets.UTF_8), format, "test")
                .problems().stream().map(PolicyProblem::toString).toList();
    }
}
