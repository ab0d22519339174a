package dev.samtykke.core.policy;

import dev.samtykke.core.policy.ReadLog.Need;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One value of a policy document at its path, absent or not, read as the type the model wants. A value of the
 * wrong type, or a required one that is absent, is reported at {@link #path()} and read as a placeholder, so that
 * reading goes on and every problem of the file is found.
 */
final class ValueReader {

    /**
     * The words YAML 1.1 read as booleans. Jackson 3 reads YAML 1.2, where they are strings; a boolean field of a
     * YAML policy still takes them, so that a file written for YAML 1.1 loads as it did.
     */
    private static final Map<String, Boolean> YAML_11_BOOLEANS = yaml11Booleans();

    private final ReadLog log;
    private final JsonNode value;
    private final String path;

    ValueReader(ReadLog log, JsonNode value, String path) {
        this.log = log;
        this.value = value;
        this.path = path;
    }

    /** Where the value is, e.g. {@code services[2].cookies[0].party}. */
    String path() {
        return path;
    }

    /** The raw value, {@code null} when absent (an explicit {@code null} is a present value of the wrong type). */
    JsonNode node() {
        return value;
    }

    /** Reports a problem with this value. */
    void problem(String message) {
        log.problem(path, message);
    }

    /** Whether a problem was already reported at this value's path (say, its type). */
    boolean reported() {
        return log.reported(path);
    }

    /** A string; {@code ""} when absent (reported if required) or of the wrong type (reported). */
    String string(Need need) {
        return stringOr(need, need == Need.REQUIRED ? "" : null);
    }

    /** An optional string; {@code absent} when absent or of the wrong type (reported). */
    String stringOr(String absent) {
        return stringOr(Need.OPTIONAL, absent);
    }

    private String stringOr(Need need, String absent) {
        if (!present(need)) {
            return absent;
        }
        if (!value.isString()) {
            problem("expected a string, found " + kind(value));
            return absent == null ? "" : absent;
        }
        return value.stringValue();
    }

    /** An optional boolean, {@code false} when absent or of the wrong type (reported); YAML also takes YAML 1.1's words. */
    boolean bool() {
        if (!present(Need.OPTIONAL)) {
            return false;
        }
        if (log.yaml() && value.isString() && YAML_11_BOOLEANS.containsKey(value.stringValue())) {
            return YAML_11_BOOLEANS.get(value.stringValue());
        }
        if (!value.isBoolean()) {
            problem("expected true or false, found " + kind(value));
            return false;
        }
        return value.booleanValue();
    }

    /** An optional whole number, {@code null} when absent or not a whole number (reported). */
    Long integer() {
        if (!present(Need.OPTIONAL)) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            problem("expected a whole number, found " + kind(value));
            return null;
        }
        return value.longValue();
    }

    /**
     * An object read with {@code reader}. A required object that is absent or not an object is reported once and
     * read from an empty placeholder without reporting its (consequential) missing fields; an optional one is
     * {@code null} then (a wrong type reported).
     */
    <T> T object(Need need, Function<ObjectReader, T> reader) {
        if (!present(need)) {
            return need == Need.REQUIRED ? placeholder(reader) : null;
        }
        if (!value.isObject()) {
            problem("expected an object, found " + kind(value));
            return need == Need.REQUIRED ? placeholder(reader) : null;
        }
        return ObjectReader.read(log, value, path, reader);
    }

    private <T> T placeholder(Function<ObjectReader, T> reader) {
        return log.quietly(() -> ObjectReader.read(log, null, path, reader));
    }

    /**
     * One of an enumeration's names; {@code absent} when absent (reported if required). A name {@code parse} does not
     * know is reported ("unknown {@code kind} 'x' (known: {@code known})") and read as {@code placeholder}.
     */
    <E> E oneOf(Need need, String absent, Function<String, Optional<E>> parse, E placeholder, String kind, String known) {
        String text = stringOr(need, absent);
        Optional<E> parsed = parse.apply(text);
        if (parsed.isPresent()) {
            return parsed.get();
        }
        if (!reported()) {
            problem("unknown " + kind + " '" + text + "' (known: " + known + ")");
        }
        return placeholder;
    }

    /** A list of objects; an element that is not an object is reported and read as an empty placeholder. */
    <T> List<T> list(Need need, Function<ObjectReader, T> item) {
        List<T> result = new ArrayList<>();
        for (ValueReader element : elements(need)) {
            if (element.value.isObject()) {
                result.add(ObjectReader.read(log, element.value, element.path, item));
            } else {
                element.problem("expected an object, found " + kind(element.value));
                result.add(element.placeholder(item));
            }
        }
        return result;
    }

    /** A list of strings, with {@code ""} in place of an element of the wrong type (reported). */
    List<String> strings(Need need) {
        return rawStrings(need).stream().map(s -> s == null ? "" : s).toList();
    }

    /**
     * An optional list of names of an enumeration; an unknown name is reported ("unknown {@code kind} 'x' (known:
     * {@code known})") and left out.
     */
    <E> List<E> enums(Function<String, Optional<E>> parse, String kind, String known) {
        List<E> result = new ArrayList<>();
        List<String> ids = rawStrings(Need.OPTIONAL);
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) == null) {
                continue;
            }
            Optional<E> parsed = parse.apply(ids.get(i));
            if (parsed.isPresent()) {
                result.add(parsed.get());
            } else {
                log.problem(elementPath(i), "unknown " + kind + " '" + ids.get(i) + "' (known: " + known + ")");
            }
        }
        return result;
    }

    /** A list of strings; {@code null} stands for an element of the wrong type (reported). */
    private List<String> rawStrings(Need need) {
        List<String> result = new ArrayList<>();
        for (ValueReader element : elements(need)) {
            if (element.value.isString()) {
                result.add(element.value.stringValue());
            } else {
                element.problem("expected a string, found " + kind(element.value));
                result.add(null);
            }
        }
        return result;
    }

    /** The elements of a list, each with its path; none when absent (reported if required) or not a list (reported). */
    private List<ValueReader> elements(Need need) {
        List<ValueReader> elements = new ArrayList<>();
        if (!present(need)) {
            return elements;
        }
        if (!value.isArray()) {
            problem("expected a list, found " + kind(value));
            return elements;
        }
        for (int i = 0; i < value.size(); i++) {
            elements.add(new ValueReader(log, value.get(i), elementPath(i)));
        }
        return elements;
    }

    /** A time span; a session span when absent (reported if required), of the wrong type or malformed (both reported). */
    TimeSpan span(Need need) {
        if (!present(need)) {
            return TimeSpan.session();
        }
        if (!value.isString()) {
            problem("expected a string, found " + kind(value));
            return TimeSpan.session();
        }
        try {
            return TimeSpan.parse(value.stringValue());
        } catch (IllegalArgumentException e) {
            problem(e.getMessage());
            return TimeSpan.session();
        }
    }

    /** An optional time span; {@code null} when absent or malformed (the malformed value is reported). */
    TimeSpan spanOrNull() {
        if (value == null) {
            return null;
        }
        int before = log.mark();
        TimeSpan span = span(Need.OPTIONAL);
        return log.mark() > before ? null : span;
    }

    /** The path of the list element at {@code index}. */
    String elementPath(int index) {
        return path + "[" + index + "]";
    }

    /**
     * A localized text: a string for every locale, or an object of texts by language tag; empty when absent
     * (reported if required) or of the wrong type (reported).
     */
    LocalizedText localized(Need need) {
        log.text(path);
        if (!present(need)) {
            return LocalizedText.EMPTY;
        }
        if (value.isString()) {
            return LocalizedText.of(value.stringValue());
        }
        if (!value.isObject()) {
            problem("expected a string or an object of texts by language tag, found " + kind(value));
            return LocalizedText.EMPTY;
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            if (e.getValue().isString()) {
                texts.put(e.getKey(), e.getValue().stringValue());
            } else {
                log.problem(path + "." + e.getKey(), "expected a string, found " + kind(e.getValue()));
                // The validator would add that this locale has no text: the same problem.
                log.cover(path);
            }
        }
        return LocalizedText.of(texts, log.fallback());
    }

    /** Whether the value is there; a required one that is absent is reported. */
    private boolean present(Need need) {
        if (value == null && need == Need.REQUIRED) {
            problem("missing required field");
        }
        return value != null;
    }

    /** How a problem names what it found instead, e.g. {@code a list}, {@code the number 5}. */
    static String kind(JsonNode node) {
        if (node.isObject()) return "an object";
        if (node.isArray()) return "a list";
        if (node.isString()) return "a string";
        if (node.isBoolean()) return "the boolean " + node.asString();
        if (node.isNumber()) return "the number " + node.asString();
        if (node.isNull()) return "null";
        return node.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    private static Map<String, Boolean> yaml11Booleans() {
        Map<String, Boolean> words = new HashMap<>();
        for (String w : new String[] {"y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE"}) {
            words.put(w, Boolean.TRUE);
        }
        for (String w : new String[] {"n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE"}) {
            words.put(w, Boolean.FALSE);
        }
        return Map.copyOf(words);
    }
}
