package dev.samtykke.core.policy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Maps a parsed policy document onto the model, recording every structural problem (wrong type,
 * missing field, unknown field, malformed value) with its path instead of stopping at the first.
 * Placeholders stand in for bad values so that the semantic checks can run as well.
 */
final class PolicyReader {

    private final List<PolicyProblem> problems = new ArrayList<>();
    private String fallback = "";

    List<PolicyProblem> problems() {
        return problems;
    }

    ConsentPolicy read(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            problem("", "the document is empty");
            return null;
        }
        if (!root.isObject()) {
            problem("", "expected an object at the top level, found " + kind(root));
            return null;
        }
        known(root, "", "$schema", "id", "version", "title", "defaultLocale", "locales", "consentLifetime", "refusalLifetime",
                "controller", "noticeUrl", "jurisdiction", "banner", "rights", "categories", "dataCategories", "channels",
                "purposes", "services", "processors");
        ConsentPolicy.Builder b = ConsentPolicy.builder();
        b.id(string(root, "id", "", true));
        String version = string(root, "version", "", true);
        if (PolicyVersion.isValid(version)) {
            b.version(PolicyVersion.parse(version));
        } else {
            if (!version.isEmpty()) {
                problem("version", "malformed version '" + version + "', expected MAJOR.MINOR such as 1.0");
            }
            b.version(new PolicyVersion(0, 0));
        }
        String defaultLocale = string(root, "defaultLocale", "", true);
        fallback = defaultLocale;
        b.defaultLocale(locale("defaultLocale", defaultLocale));
        List<Locale> locales = new ArrayList<>();
        JsonNode localesNode = array(root, "locales", true);
        for (int i = 0; i < localesNode.size(); i++) {
            String tag = text(localesNode.get(i), "locales[" + i + "]", "");
            locales.add(locale("locales[" + i + "]", tag));
        }
        b.locales(locales);
        b.title(localized(root, "title", "title", false));
        b.consentLifetime(optionalSpan(root, "consentLifetime").orElse(null));
        b.refusalLifetime(optionalSpan(root, "refusalLifetime").orElse(null));
        b.controller(controller(object(root, "controller", "controller", true)));
        b.noticeUrl(localized(root, "noticeUrl", "noticeUrl", false));
        b.jurisdiction(string(root, "jurisdiction", null, false));
        b.banner(banner(object(root, "banner", "banner", false)));
        b.rights(enums(root, "rights", "rights", DataSubjectRight::fromId, "right",
                "access, rectification, erasure, restriction, portability, objection, withdraw-consent, complaint"));
        b.categories(list(root, "categories", true, (n, p) -> {
            known(n, p, "id", "title", "description");
            return new Category(string(n, "id", "", true, p), localized(n, "title", p + ".title", true),
                    localized(n, "description", p + ".description", false));
        }));
        b.dataCategories(list(root, "dataCategories", false, (n, p) -> {
            known(n, p, "id", "title", "description");
            return new DataCategory(string(n, "id", "", true, p), localized(n, "title", p + ".title", true),
                    localized(n, "description", p + ".description", false));
        }));
        b.channels(list(root, "channels", false, (n, p) -> {
            known(n, p, "id", "title", "description");
            return new CollectionChannel(string(n, "id", "", true, p), localized(n, "title", p + ".title", true),
                    localized(n, "description", p + ".description", false));
        }));
        b.purposes(list(root, "purposes", true, this::purpose));
        b.services(list(root, "services", false, this::service));
        b.processors(list(root, "processors", false, (n, p) -> {
            known(n, p, "id", "name", "description", "location", "purposes");
            return new Processor(string(n, "id", "", true, p), localized(n, "name", p + ".name", true),
                    localized(n, "description", p + ".description", false), string(n, "location", null, false, p),
                    strings(n, "purposes", p + ".purposes"));
        }));
        return b.buildUnchecked();
    }

    private Purpose purpose(JsonNode n, String p) {
        known(n, p, "id", "category", "legalBasis", "title", "description", "dataCategories", "channels", "retention", "gpcOptOut");
        String basisText = string(n, "legalBasis", "", true, p);
        LegalBasis basis = LegalBasis.fromId(basisText).orElse(null);
        if (basis == null) {
            if (!basisText.isEmpty()) {
                problem(p + ".legalBasis", "unknown legal basis '" + basisText
                        + "' (known: consent, legitimate-interest, contract, legal-obligation, vital-interest, public-task)");
            }
            basis = LegalBasis.CONSENT;
        }
        TimeSpan retention = span(n, "retention", p + ".retention", true);
        return new Purpose(string(n, "id", "", true, p), string(n, "category", "", true, p), basis,
                localized(n, "title", p + ".title", true), localized(n, "description", p + ".description", true),
                strings(n, "dataCategories", p + ".dataCategories"), strings(n, "channels", p + ".channels"),
                retention, bool(n, "gpcOptOut", p + ".gpcOptOut"));
    }

    private Service service(JsonNode n, String p) {
        known(n, p, "id", "name", "provider", "description", "purposes", "cookies", "consentModeTypes", "illustrative");
        JsonNode providerNode = object(n, "provider", p + ".provider", true);
        known(providerNode, p + ".provider", "name", "country", "privacyPolicyUrl");
        Provider provider = new Provider(string(providerNode, "name", "", true, p + ".provider"),
                string(providerNode, "country", null, false, p + ".provider"),
                string(providerNode, "privacyPolicyUrl", null, false, p + ".provider"));
        List<CookieDeclaration> cookies = list(n, "cookies", p + ".cookies", false, (c, cp) -> {
            known(c, cp, "name", "party", "duration", "domain", "description");
            String partyText = string(c, "party", "first", false, cp);
            CookieParty party = CookieParty.fromId(partyText).orElse(null);
            if (party == null) {
                problem(cp + ".party", "unknown party '" + partyText + "' (known: first, third)");
                party = CookieParty.FIRST;
            }
            return new CookieDeclaration(string(c, "name", "", true, cp), party, span(c, "duration", cp + ".duration", true),
                    string(c, "domain", null, false, cp), localized(c, "description", cp + ".description", false));
        });
        Set<ConsentModeType> types = EnumSet.noneOf(ConsentModeType.class);
        types.addAll(enums(n, "consentModeTypes", p + ".consentModeTypes", ConsentModeType::fromId, "consent mode type",
                "ad_storage, analytics_storage, ad_user_data, ad_personalization, functionality_storage, personalization_storage, security_storage"));
        return new Service(string(n, "id", "", true, p), string(n, "name", "", true, p), provider,
                localized(n, "description", p + ".description", false), strings(n, "purposes", p + ".purposes"),
                cookies, types, bool(n, "illustrative", p + ".illustrative"));
    }

    private Controller controller(JsonNode n) {
        known(n, "controller", "name", "organisationNumber", "contact", "supervisoryAuthority");
        JsonNode authority = object(n, "supervisoryAuthority", "controller.supervisoryAuthority", true);
        known(authority, "controller.supervisoryAuthority", "name", "contact");
        return new Controller(string(n, "name", "", true, "controller"), string(n, "organisationNumber", null, false, "controller"),
                contact(object(n, "contact", "controller.contact", false), "controller.contact"),
                new SupervisoryAuthority(localized(authority, "name", "controller.supervisoryAuthority.name", true),
                        contact(object(authority, "contact", "controller.supervisoryAuthority.contact", false),
                                "controller.supervisoryAuthority.contact")));
    }

    private Contact contact(JsonNode n, String p) {
        known(n, p, "email", "phone", "address", "url");
        return new Contact(string(n, "email", null, false, p), string(n, "phone", null, false, p),
                localized(n, "address", p + ".address", false), string(n, "url", null, false, p));
    }

    private Banner banner(JsonNode n) {
        known(n, "banner", "title", "text", "labels");
        Map<String, LocalizedText> labels = new LinkedHashMap<>();
        JsonNode labelsNode = object(n, "labels", "banner.labels", false);
        for (Iterator<String> it = labelsNode.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            labels.put(key, localized(labelsNode, key, "banner.labels." + key, true));
        }
        return new Banner(localized(n, "title", "banner.title", false), localized(n, "text", "banner.text", false), labels);
    }

    // --- primitives -------------------------------------------------------------------------

    private void problem(String path, String message) {
        problems.add(new PolicyProblem(path, message));
    }

    private static String kind(JsonNode node) {
        if (node.isObject()) return "an object";
        if (node.isArray()) return "a list";
        if (node.isTextual()) return "a string";
        if (node.isBoolean()) return "a boolean";
        if (node.isNumber()) return "a number";
        if (node.isNull()) return "null";
        return node.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    private static String child(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private void known(JsonNode n, String path, String... fields) {
        if (!n.isObject()) {
            return;
        }
        List<String> allowed = List.of(fields);
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                problem(child(path, name), "unknown field '" + name + "' (known: " + String.join(", ", allowed) + ")");
            }
        }
    }

    private String string(JsonNode n, String field, String absent, boolean required) {
        return string(n, field, absent, required, "");
    }

    private String string(JsonNode n, String field, String absent, boolean required, String path) {
        JsonNode value = n.get(field);
        String p = child(path, field);
        if (value == null || value.isNull()) {
            if (required) {
                problem(p, "missing required field");
            }
            return absent;
        }
        return text(value, p, absent);
    }

    private String text(JsonNode value, String path, String absent) {
        if (!value.isTextual()) {
            problem(path, "expected a string, found " + kind(value));
            return absent == null ? "" : absent;
        }
        return value.textValue();
    }

    private boolean bool(JsonNode n, String field, String path) {
        JsonNode value = n.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            problem(path, "expected true or false, found " + kind(value));
            return false;
        }
        return value.booleanValue();
    }

    private JsonNode object(JsonNode n, String field, String path, boolean required) {
        JsonNode value = n.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problem(path, "missing required field");
            }
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        if (!value.isObject()) {
            problem(path, "expected an object, found " + kind(value));
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        return value;
    }

    private JsonNode array(JsonNode n, String field, boolean required) {
        return array(n, field, field, required);
    }

    private JsonNode array(JsonNode n, String field, String path, boolean required) {
        JsonNode value = n.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problem(path, "missing required field");
            }
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        if (!value.isArray()) {
            problem(path, "expected a list, found " + kind(value));
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        return value;
    }

    private <T> List<T> list(JsonNode n, String field, boolean required, BiFunction<JsonNode, String, T> item) {
        return list(n, field, field, required, item);
    }

    private <T> List<T> list(JsonNode n, String field, String path, boolean required, BiFunction<JsonNode, String, T> item) {
        JsonNode array = array(n, field, path, required);
        List<T> result = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode element = array.get(i);
            String p = path + "[" + i + "]";
            if (!element.isObject()) {
                problem(p, "expected an object, found " + kind(element));
                continue;
            }
            result.add(item.apply(element, p));
        }
        return result;
    }

    private List<String> strings(JsonNode n, String field, String path) {
        JsonNode array = array(n, field, path, false);
        List<String> result = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode element = array.get(i);
            if (element.isTextual()) {
                result.add(element.textValue());
            } else {
                problem(path + "[" + i + "]", "expected a string, found " + kind(element));
            }
        }
        return result;
    }

    private <E> List<E> enums(JsonNode n, String field, String path, Function<String, Optional<E>> parse, String kind, String known) {
        List<E> result = new ArrayList<>();
        List<String> ids = strings(n, field, path);
        for (int i = 0; i < ids.size(); i++) {
            Optional<E> value = parse.apply(ids.get(i));
            if (value.isPresent()) {
                result.add(value.get());
            } else {
                problem(path + "[" + i + "]", "unknown " + kind + " '" + ids.get(i) + "' (known: " + known + ")");
            }
        }
        return result;
    }

    private Locale locale(String path, String tag) {
        if (tag.isEmpty()) {
            return Locale.ROOT;
        }
        Locale locale = Locale.forLanguageTag(tag);
        if (locale.getLanguage().isEmpty() || !locale.toLanguageTag().equalsIgnoreCase(tag)) {
            problem(path, "invalid language tag '" + tag + "', expected a BCP 47 tag such as nb or en-GB");
        }
        return locale;
    }

    private TimeSpan span(JsonNode n, String field, String path, boolean required) {
        JsonNode value = n.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problem(path, "missing required field");
            }
            return TimeSpan.session();
        }
        String text = text(value, path, "");
        try {
            return TimeSpan.parse(text);
        } catch (IllegalArgumentException e) {
            if (value.isTextual()) {
                problem(path, e.getMessage());
            }
            return TimeSpan.session();
        }
    }

    /** An optional span; empty when absent or malformed (the malformed value is reported). */
    private Optional<TimeSpan> optionalSpan(JsonNode n, String field) {
        JsonNode value = n.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        int before = problems.size();
        TimeSpan span = span(n, field, field, false);
        return problems.size() > before ? Optional.empty() : Optional.of(span);
    }

    private LocalizedText localized(JsonNode n, String field, String path, boolean required) {
        JsonNode value = n.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problem(path, "missing required field");
            }
            return LocalizedText.EMPTY;
        }
        if (value.isTextual()) {
            return LocalizedText.of(value.textValue());
        }
        if (!value.isObject()) {
            problem(path, "expected a string or an object of texts by language tag, found " + kind(value));
            return LocalizedText.EMPTY;
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isTextual()) {
                texts.put(e.getKey(), e.getValue().textValue());
            } else {
                problem(path + "." + e.getKey(), "expected a string, found " + kind(e.getValue()));
            }
        }
        return LocalizedText.of(texts, fallback);
    }
}
