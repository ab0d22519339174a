package dev.samtykke.servlet.internal;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The body of {@code POST /consent}: exactly one of {@code {"acceptAll":true}}, {@code {"rejectAll":true}}
 * or {@code {"purposes":{"analytics":true,"marketing":false}}}, optionally with {@code "locale":"nb"}
 * (the language the banner was shown in). A custom decision may also choose per service, beneath a purpose that
 * asks per service: {@code "services":{"analytics":{"google-analytics":false}}} (with or without {@code purposes}).
 *
 * @param kind which of the three it is
 * @param purposes the choices of a {@link Kind#CUSTOM} request (empty otherwise): purpose ids, and the service choices
 *        under their keys {@code purpose/service}
 * @param locale the language tag the visitor was shown, or {@code null}
 */
public record ConsentRequest(Kind kind, Map<String, Boolean> purposes, String locale) {

    /** Which request it is. */
    public enum Kind {
        /** {@code {"acceptAll":true}}. */
        ACCEPT_ALL,
        /** {@code {"rejectAll":true}}. */
        REJECT_ALL,
        /** {@code {"purposes":{…}}}. */
        CUSTOM
    }

    private static final int MAX_PURPOSES = 200;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).maxStringLength(10_000).build())
            .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /**
     * A request.
     *
     * @param kind which request
     * @param purposes the choices (copied)
     * @param locale the shown language, or {@code null}
     */
    public ConsentRequest {
        Objects.requireNonNull(kind, "kind");
        purposes = Map.copyOf(purposes);
    }

    /**
     * Parses a body strictly.
     *
     * @param body the UTF-8 JSON body
     * @return the request
     * @throws HttpProblem 400 for malformed JSON, wrong types, unknown or conflicting fields
     */
    public static ConsentRequest parse(byte[] body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw HttpProblem.badRequest("The body is not valid JSON");
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            throw HttpProblem.badRequest("The body must be a JSON object: {\"acceptAll\":true}, {\"rejectAll\":true} "
                    + "or {\"purposes\":{\"<purpose id>\":true|false}}");
        }
        Kind kind = null;
        Map<String, Boolean> purposes = Map.of();
        String locale = null;
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "acceptAll" -> kind = one(kind, requireTrue("acceptAll", value, Kind.ACCEPT_ALL));
                case "rejectAll" -> kind = one(kind, requireTrue("rejectAll", value, Kind.REJECT_ALL));
                case "purposes" -> {
                    kind = custom(kind);
                    purposes = merge(purposes, choices(value, "purposes", "purpose", null));
                }
                case "services" -> {
                    kind = custom(kind);
                    purposes = merge(purposes, services(value));
                }
                case "locale" -> {
                    if (!value.isString() || value.stringValue().length() > 35) {
                        throw HttpProblem.badRequest("\"locale\" must be a language tag such as \"nb\"");
                    }
                    locale = value.stringValue();
                }
                default -> throw HttpProblem.badRequest("Unknown field \"" + HttpProblem.abbreviate(field.getKey())
                        + "\": expected acceptAll, rejectAll, purposes or services");
            }
        }
        if (kind == null) {
            throw HttpProblem.badRequest("Say what was decided: acceptAll, rejectAll or purposes");
        }
        return new ConsentRequest(kind, purposes, locale);
    }

    private static Kind one(Kind existing, Kind next) {
        if (existing != null) {
            throw HttpProblem.badRequest("Send only one of acceptAll, rejectAll and purposes");
        }
        return next;
    }

    private static Kind requireTrue(String name, JsonNode value, Kind kind) {
        if (!value.isBoolean() || !value.booleanValue()) {
            throw HttpProblem.badRequest("\"" + name + "\" must be true");
        }
        return kind;
    }

    /** {@code purposes} and {@code services} make one custom decision together; either excludes the other two kinds. */
    private static Kind custom(Kind existing) {
        return existing == Kind.CUSTOM ? existing : one(existing, Kind.CUSTOM);
    }

    private static Map<String, Boolean> merge(Map<String, Boolean> a, Map<String, Boolean> b) {
        Map<String, Boolean> merged = new LinkedHashMap<>(a);
        merged.putAll(b);
        if (merged.size() > MAX_PURPOSES) {
            throw HttpProblem.badRequest("The decision names too many purposes and services");
        }
        return merged;
    }

    /** An object of id to true or false; ids holding a '/' are refused (they would name a service choice). */
    private static Map<String, Boolean> choices(JsonNode value, String field, String what, String prefix) {
        if (!value.isObject()) {
            throw HttpProblem.badRequest("\"" + field + "\" must be an object of " + what + " id to true or false");
        }
        if (value.size() > MAX_PURPOSES) {
            throw HttpProblem.badRequest("\"" + field + "\" names too many " + what + "s");
        }
        Map<String, Boolean> choices = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            if (!entry.getValue().isBoolean()) {
                throw HttpProblem.badRequest("The choice for " + what + " \"" + HttpProblem.abbreviate(entry.getKey())
                        + "\" must be true or false");
            }
            if (entry.getKey().indexOf('/') >= 0) {
                throw HttpProblem.badRequest("Unknown " + what + " \"" + HttpProblem.abbreviate(entry.getKey()) + "\"");
            }
            choices.put(prefix == null ? entry.getKey() : prefix + entry.getKey(), entry.getValue().booleanValue());
        }
        return choices;
    }

    /** {@code {"purpose":{"service":true|false}}} as service choice keys {@code purpose/service}. */
    private static Map<String, Boolean> services(JsonNode value) {
        if (!value.isObject()) {
            throw HttpProblem.badRequest("\"services\" must be an object of purpose id to an object of service id to true or false");
        }
        Map<String, Boolean> choices = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> purpose : value.properties()) {
            if (purpose.getKey().indexOf('/') >= 0) {
                throw HttpProblem.badRequest("Unknown purpose \"" + HttpProblem.abbreviate(purpose.getKey()) + "\"");
            }
            choices = merge(choices, choices(purpose.getValue(), "services." + HttpProblem.abbreviate(purpose.getKey()),
                    "service", purpose.getKey() + "/"));
        }
        return choices;
    }
}
