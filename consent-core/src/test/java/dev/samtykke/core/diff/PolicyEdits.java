package dev.samtykke.core.diff;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/** Test helper: the base policy as an editable JSON tree, loaded (and so validated) after each edit. */
final class PolicyEdits {

    static final ObjectMapper JSON = new ObjectMapper();

    private PolicyEdits() {
    }

    static ObjectNode baseTree() {
        try (InputStream in = PolicyEdits.class.getResourceAsStream("/diff/base.json")) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ConsentPolicy base() {
        return load(baseTree());
    }

    static ConsentPolicy edited(Consumer<ObjectNode> edit) {
        ObjectNode tree = baseTree();
        edit.accept(tree);
        return load(tree);
    }

    static ConsentPolicy load(ObjectNode tree) {
        return PolicyLoader.fromString(JSON.writeValueAsString(tree), PolicyLoader.Format.JSON, "edited.json");
    }

    /** The entry of a list with this id (or, for cookies, name). */
    static ObjectNode entry(JsonNode parent, String list, String id) {
        for (JsonNode item : parent.withArray(list)) {
            JsonNode key = item.has("id") ? item.get("id") : item.get("name");
            if (key.asString().equals(id)) {
                return (ObjectNode) item;
            }
        }
        throw new IllegalArgumentException("no " + list + " entry '" + id + "'");
    }

    static ObjectNode purpose(ObjectNode root, String id) {
        return entry(root, "purposes", id);
    }

    static ObjectNode service(ObjectNode root, String id) {
        return entry(root, "services", id);
    }

    static ObjectNode processor(ObjectNode root, String id) {
        return entry(root, "processors", id);
    }

    static void removeEntry(ObjectNode parent, String list, String id) {
        ArrayNode array = parent.withArray(list);
        for (int i = 0; i < array.size(); i++) {
            JsonNode key = array.get(i).has("id") ? array.get(i).get("id") : array.get(i).get("name");
            if (key.asString().equals(id)) {
                array.remove(i);
                return;
            }
        }
        throw new IllegalArgumentException("no " + list + " entry '" + id + "'");
    }

    static void removeValue(ArrayNode array, String value) {
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i).asString().equals(value)) {
                array.remove(i);
                return;
            }
        }
        throw new IllegalArgumentException("no value '" + value + "' in " + array);
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ObjectNode texts(String nb, String en) {
        return JSON.createObjectNode().put("nb", nb).put("en", en);
    }
}
