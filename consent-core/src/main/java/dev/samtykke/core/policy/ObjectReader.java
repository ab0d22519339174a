package dev.samtykke.core.policy;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads one JSON object of a policy document. {@link #field(String)} hands out a field's value with its path
 * and records the field as known; once the object has been read, {@link #read} reports every other field as
 * unknown, listing the known ones in the order they were asked for. The unknown fields are reported before
 * the problems found inside the object, as the reader meets them first in the file.
 */
final class ObjectReader {

    private final ReadLog log;
    private final JsonNode node;
    private final String path;
    private final int firstProblem;
    private final Set<String> known = new LinkedHashSet<>();

    private ObjectReader(ReadLog log, JsonNode node, String path) {
        this.log = log;
        this.node = node;
        this.path = path;
        this.firstProblem = log.mark();
    }

    /**
     * Reads an object with {@code reader}, then reports its fields that the reader did not ask for.
     *
     * @param node an object node ({@code null} for an empty placeholder)
     * @param path the object's path ({@code ""} for the document)
     */
    static <T> T read(ReadLog log, JsonNode node, String path, Function<ObjectReader, T> reader) {
        ObjectReader object = new ObjectReader(log, node == null ? JsonNodeFactory.instance.objectNode() : node, path);
        T value = reader.apply(object);
        object.reportUnknown();
        return value;
    }

    /** The object's path, {@code ""} for the document. */
    String path() {
        return path;
    }

    /** The value of a field, absent or not; the field is known from now on. */
    ValueReader field(String name) {
        known.add(name);
        return new ValueReader(log, node.get(name), path.isEmpty() ? name : path + "." + name);
    }

    /** The names of the fields present, in file order (for an object that is a map, such as the banner's labels). */
    List<String> names() {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    private void reportUnknown() {
        int position = firstProblem;
        for (Iterator<String> it = node.propertyNames().iterator(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                log.problemAt(position++, path.isEmpty() ? name : path + "." + name,
                        "unknown field '" + name + "' (known: " + String.join(", ", known) + ")");
            }
        }
    }
}
