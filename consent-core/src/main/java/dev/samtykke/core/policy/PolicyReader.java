package dev.samtykke.core.policy;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Maps a parsed policy document onto the model, recording every structural problem (wrong type,
 * missing field, unknown field, malformed value) with its path instead of stopping at the first.
 *
 * <p>Placeholders stand in for bad values so that the semantic checks of {@link PolicyValidator}
 * can run as well, and list positions stay those of the file (a bad list element becomes a
 * placeholder rather than disappearing), so that the validator's paths point at the right element.
 * {@link #covered()} lists the paths whose validator findings would only repeat a problem reported here.
 * The structure accepted here is the one {@code policy.schema.json} describes; keep the two in step.
 */
final class PolicyReader {

    /**
     * A language tag in canonical form: a 2-3 letter language, an optional script and an optional
     * region, e.g. {@code nb}, {@code en-GB}, {@code zh-Hant-TW}, {@code es-419}.
     */
    static final Pattern LANGUAGE_TAG = Pattern.compile("[a-z]{2,3}(-[A-Z][a-z]{3})?(-(?:[A-Z]{2}|[0-9]{3}))?");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * The words YAML 1.1 read as booleans. Jackson 3 reads YAML 1.2, where they are strings; a boolean field of a
     * YAML policy still takes them, so that a file written for YAML 1.1 loads as it did.
     */
    private static final Map<String, Boolean> YAML_11_BOOLEANS = yaml11Booleans();

    private final boolean yaml;
    private final List<PolicyProblem> problems = new ArrayList<>();
    private final Set<String> covered = new HashSet<>();
    private final List<String> textPaths = new ArrayList<>();
    private int muted;
    private String fallback = "";

    /** The structural problems found, in document order. */
    List<PolicyProblem> problems() {
        return problems;
    }

    /** The paths at or under which a validator finding repeats a problem reported here. */
    Set<String> covered() {
        return covered;
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
        if (root.isEmpty() || (root.size() == 1 && root.has("$schema"))) {
            problem("", "the policy is empty: it declares no id, version, locales, controller, categories or purposes");
            return null;
        }
        known(root, "", "$schema", "id", "version", "title", "defaultLocale", "locales", "consentLifetime", "refusalLifetime",
                "controller", "noticeUrl", "jurisdiction", "banner", "rights", "categories", "dataCategories", "channels",
                "purposes", "services", "processors");
        string(root, "$schema", null, false, "");
        ConsentPolicy.Builder b = ConsentPolicy.builder();
        b.id(string(root, "id", "", true, ""));
        b.version(version(root));
        String defaultLocale = string(root, "defaultLocale", "", true, "");
        fallback = defaultLocale;
        b.defaultLocale(locale("defaultLocale", defaultLocale));
        List<Locale> locales = new ArrayList<>();
        List<String> tags = strings(root, "locales", "locales", true);
        for (int i = 0; i < tags.size(); i++) {
            locales.add(locale("locales[" + i + "]", tags.get(i)));
        }
        if (tags.isEmpty() && root.path("locales").isArray()) {
            problem("locales", "no locales declared: list at least the default locale");
        }
        b.locales(locales);
        b.title(localized(root, "title", "title", false));
        b.consentLifetime(optionalSpan(root, "consentLifetime"));
        b.refusalLifetime(optionalSpan(root, "refusalLifetime"));
        b.controller(required(root, "controller", "controller", this::controller));
        b.noticeUrl(localized(root, "noticeUrl", "noticeUrl", false));
        b.jurisdiction(string(root, "jurisdiction", null, false, ""));
        b.banner(optional(root, "banner", "banner", this::banner));
        b.rights(enums(root, "rights", "rights", DataSubjectRight::fromId, "right",
                "access, rectification, erasure, restriction, portability, objection, withdraw-consent, complaint"));
        b.categories(list(root, "categories", "categories", true, (n, p) -> {
            known(n, p, "id", "title", "description");
            return new Category(string(n, "id", "", true, p), localized(n, "title", p + ".title", true),
                    localized(n, "description", p + ".description", false));
        }));
        b.dataCategories(list(root, "dataCategories", "dataCategories", false, (n, p) -> {
            known(n, p, "id", "title", "description");
            return new DataCategory(string(n, "id", "", true, p), localized(n, "title", p + ".title", true),
                    localized(n, "description", p + ".description", false));
        }));
        b.channels(list(root, "channels", "channels", false, (n, p) -> {
            known(n, p, "id", "title", "description");
            return new CollectionChannel(string(n, "id", "", true, p), localized(n, "title", p + ".title", true),
                    localized(n, "description", p + ".description", false));
        }));
        b.purposes(list(root, "purposes", "purposes", true, this::purpose));
        b.services(list(root, "services", "services", false, this::service));
        b.processors(list(root, "processors", "processors", false, (n, p) -> {
            known(n, p, "id", "name", "description", "location", "purposes");
            return new Processor(string(n, "id", "", true, p), localized(n, "name", p + ".name", true),
                    localized(n, "description", p + ".description", false), string(n, "location", null, false, p),
                    strings(n, "purposes", p + ".purposes", false));
        }));
        if (covered.stream().anyMatch(path -> path.equals("locales") || path.startsWith("locales["))) {
            // Without a sound list of locales, "no text for" and "text for undeclared" findings are noise.
            covered.addAll(textPaths);
        }
        return b.buildUnchecked();
    }

    private PolicyVersion version(JsonNode root) {
        JsonNode value = root.get("version");
        if (value != null && value.isNumber()) {
            // YAML reads an unquoted 1.0 as a number, and 1.10 as 1.1: the text must be quoted.
            problem("version", "expected a string such as \"1.0\", found the number " + value.asString()
                    + " (quote the version in YAML)");
            return new PolicyVersion(0, 0);
        }
        String version = string(root, "version", "", true, "");
        if (PolicyVersion.isValid(version)) {
            return PolicyVersion.parse(version);
        }
        if (!covered.contains("version")) {
            problem("version", "malformed version '" + version + "', expected MAJOR.MINOR such as 1.0");
        }
        return new PolicyVersion(0, 0);
    }

    private Purpose purpose(JsonNode n, String p) {
        known(n, p, "id", "category", "legalBasis", "title", "description", "dataCategories", "channels", "retention", "gpcOptOut");
        String id = string(n, "id", "", true, p);
        String category = string(n, "category", "", true, p);
        String basisText = string(n, "legalBasis", "", true, p);
        LegalBasis basis = LegalBasis.fromId(basisText).orElse(null);
        if (basis == null) {
            if (!covered.contains(p + ".legalBasis")) {
                problem(p + ".legalBasis", "unknown legal basis '" + basisText
                        + "' (known: consent, legitimate-interest, contract, legal-obligation, vital-interest, public-task)");
            }
            basis = LegalBasis.CONSENT;
        }
        LocalizedText title = localized(n, "title", p + ".title", true);
        LocalizedText description = localized(n, "description", p + ".description", true);
        List<String> dataCategories = strings(n, "dataCategories", p + ".dataCategories", false);
        List<String> channels = strings(n, "channels", p + ".channels", false);
        TimeSpan retention = span(n, "retention", p + ".retention", true);
        return new Purpose(id, category, basis, title, description, dataCategories, channels, retention,
                bool(n, "gpcOptOut", p + ".gpcOptOut"));
    }

    private Service service(JsonNode n, String p) {
        known(n, p, "id", "name", "provider", "description", "purposes", "cookies", "consentModeTypes", "illustrative", "hosts");
        String id = string(n, "id", "", true, p);
        String name = string(n, "name", "", true, p);
        Provider provider = required(n, "provider", p + ".provider", (pn, pp) -> {
            known(pn, pp, "name", "country", "privacyPolicyUrl");
            return new Provider(string(pn, "name", "", true, pp), string(pn, "country", null, false, pp),
                    string(pn, "privacyPolicyUrl", null, false, pp));
        });
        LocalizedText description = localized(n, "description", p + ".description", false);
        List<String> purposes = strings(n, "purposes", p + ".purposes", false);
        List<CookieDeclaration> cookies = list(n, "cookies", p + ".cookies", false, (c, cp) -> {
            known(c, cp, "name", "party", "duration", "domain", "description", "storage");
            String cookieName = string(c, "name", "", true, cp);
            String partyText = string(c, "party", "first", false, cp);
            CookieParty party = CookieParty.fromId(partyText).orElse(null);
            if (party == null) {
                problem(cp + ".party", "unknown party '" + partyText + "' (known: first, third)");
                party = CookieParty.FIRST;
            }
            return new CookieDeclaration(cookieName, party, span(c, "duration", cp + ".duration", true),
                    string(c, "domain", null, false, cp), localized(c, "description", cp + ".description", false), storage(c, cp));
        });
        Set<ConsentModeType> types = EnumSet.noneOf(ConsentModeType.class);
        types.addAll(enums(n, "consentModeTypes", p + ".consentModeTypes", ConsentModeType::fromId, "consent mode type",
                "ad_storage, analytics_storage, ad_user_data, ad_personalization, functionality_storage, personalization_storage, security_storage"));
        return new Service(id, name, provider, description, purposes, cookies, types, bool(n, "illustrative", p + ".illustrative"),
                strings(n, "hosts", p + ".hosts", false));
    }

    /** A declaration's {@code storage}: {@link StorageKind#COOKIE} when absent or unknown (reported). */
    private StorageKind storage(JsonNode c, String cp) {
        String text = string(c, "storage", "cookie", false, cp);
        StorageKind kind = StorageKind.fromId(text).orElse(null);
        if (kind == null) {
            if (!covered.contains(cp + ".storage")) {
                problem(cp + ".storage", "unknown storage '" + text + "' (known: cookie, localStorage, sessionStorage)");
            }
            return StorageKind.COOKIE;
        }
        return kind;
    }

    private Controller controller(JsonNode n, String p) {
        known(n, p, "name", "organisationNumber", "contact", "supervisoryAuthority");
        String name = string(n, "name", "", true, p);
        String organisationNumber = string(n, "organisationNumber", null, false, p);
        Contact contact = optional(n, "contact", p + ".contact", this::contact);
        SupervisoryAuthority authority = required(n, "supervisoryAuthority", p + ".supervisoryAuthority", (an, ap) -> {
            known(an, ap, "name", "contact");
            return new SupervisoryAuthority(localized(an, "name", ap + ".name", true),
                    optional(an, "contact", ap + ".contact", this::contact));
        });
        return new Controller(name, organisationNumber, contact, authority);
    }

    private Contact contact(JsonNode n, String p) {
        known(n, p, "email", "phone", "address", "url");
        return new Contact(string(n, "email", null, false, p), string(n, "phone", null, false, p),
                localized(n, "address", p + ".address", false), string(n, "url", null, false, p));
    }

    private Banner banner(JsonNode n, String p) {
        known(n, p, "title", "text", "labels");
        LocalizedText title = localized(n, "title", p + ".title", false);
        LocalizedText text = localized(n, "text", p + ".text", false);
        Map<String, LocalizedText> labels = optional(n, "labels", p + ".labels", (ln, lp) -> {
            Map<String, LocalizedText> result = new LinkedHashMap<>();
            for (Iterator<String> it = ln.propertyNames().iterator(); it.hasNext(); ) {
                String key = it.next();
                if (!Banner.LABEL_KEYS.contains(key)) {
                    problem(lp + "." + key, "unknown banner label '" + key + "' (known: "
                            + String.join(", ", Banner.LABEL_KEYS) + ")");
                    continue;
                }
                result.put(key, localized(ln, key, lp + "." + key, true));
            }
            return result;
        });
        return new Banner(title, text, labels);
    }

    // --- primitives -------------------------------------------------------------------------

    private void problem(String path, String message) {
        if (muted == 0) {
            problems.add(new PolicyProblem(path, message));
            covered.add(path);
        }
    }

    /** Runs a read whose problems are consequences of one already reported, discarding them. */
    private <T> T quietly(Supplier<T> read) {
        muted++;
        try {
            return read.get();
        } finally {
            muted--;
        }
    }

    private static String kind(JsonNode node) {
        if (node.isObject()) return "an object";
        if (node.isArray()) return "a list";
        if (node.isString()) return "a string";
        if (node.isBoolean()) return "the boolean " + node.asString();
        if (node.isNumber()) return "the number " + node.asString();
        if (node.isNull()) return "null";
        return node.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    private static String child(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private void known(JsonNode n, String path, String... fields) {
        List<String> allowed = List.of(fields);
        for (Iterator<String> it = n.propertyNames().iterator(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                problem(child(path, name), "unknown field '" + name + "' (known: " + String.join(", ", allowed) + ")");
            }
        }
    }

    /** A field's value, or {@code null} when absent (reported if required). An explicit null is a wrong type. */
    private JsonNode field(JsonNode n, String field, String path, boolean required) {
        JsonNode value = n.get(field);
        if (value == null && required) {
            problem(path, "missing required field");
        }
        return value;
    }

    private String string(JsonNode n, String field, String absent, boolean required, String path) {
        String p = child(path, field);
        JsonNode value = field(n, field, p, required);
        return value == null ? absent : text(value, p, absent);
    }

    private String text(JsonNode value, String path, String absent) {
        if (!value.isString()) {
            problem(path, "expected a string, found " + kind(value));
            return absent == null ? "" : absent;
        }
        return value.stringValue();
    }

    /** @param yaml whether the document was YAML (whose 1.1 boolean words boolean fields accept) */
    PolicyReader(boolean yaml) {
        this.yaml = yaml;
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

    private boolean bool(JsonNode n, String field, String path) {
        JsonNode value = field(n, field, path, false);
        if (value == null) {
            return false;
        }
        if (yaml && value.isString() && YAML_11_BOOLEANS.containsKey(value.stringValue())) {
            return YAML_11_BOOLEANS.get(value.stringValue());
        }
        if (!value.isBoolean()) {
            problem(path, "expected true or false, found " + kind(value));
            return false;
        }
        return value.booleanValue();
    }

    /**
     * Reads a required object with {@code reader}. When it is missing or not an object, the problem is
     * reported once and the placeholder is read from an empty object without reporting its (consequential)
     * missing fields.
     */
    private <T> T required(JsonNode n, String field, String path, BiFunction<JsonNode, String, T> reader) {
        JsonNode value = field(n, field, path, true);
        if (value == null) {
            return quietly(() -> reader.apply(NODES.objectNode(), path));
        }
        if (!value.isObject()) {
            problem(path, "expected an object, found " + kind(value));
            return quietly(() -> reader.apply(NODES.objectNode(), path));
        }
        return reader.apply(value, path);
    }

    /** Reads an optional object with {@code reader}; {@code null} when absent or of the wrong type (reported). */
    private <T> T optional(JsonNode n, String field, String path, BiFunction<JsonNode, String, T> reader) {
        JsonNode value = field(n, field, path, false);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            problem(path, "expected an object, found " + kind(value));
            return null;
        }
        return reader.apply(value, path);
    }

    private JsonNode array(JsonNode n, String field, String path, boolean required) {
        JsonNode value = field(n, field, path, required);
        if (value == null) {
            return NODES.arrayNode();
        }
        if (!value.isArray()) {
            problem(path, "expected a list, found " + kind(value));
            return NODES.arrayNode();
        }
        return value;
    }

    /** A list of objects; an element that is not an object is reported and read as an empty placeholder. */
    private <T> List<T> list(JsonNode n, String field, String path, boolean required, BiFunction<JsonNode, String, T> item) {
        JsonNode array = array(n, field, path, required);
        List<T> result = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode element = array.get(i);
            String p = path + "[" + i + "]";
            if (element.isObject()) {
                result.add(item.apply(element, p));
            } else {
                problem(p, "expected an object, found " + kind(element));
                result.add(quietly(() -> item.apply(NODES.objectNode(), p)));
            }
        }
        return result;
    }

    /** A list of strings; {@code null} stands for an element of the wrong type (reported). */
    private List<String> rawStrings(JsonNode n, String field, String path, boolean required) {
        JsonNode array = array(n, field, path, required);
        List<String> result = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode element = array.get(i);
            if (element.isString()) {
                result.add(element.stringValue());
            } else {
                problem(path + "[" + i + "]", "expected a string, found " + kind(element));
                result.add(null);
            }
        }
        return result;
    }

    /** A list of strings, with {@code ""} in place of an element of the wrong type (reported). */
    private List<String> strings(JsonNode n, String field, String path, boolean required) {
        return rawStrings(n, field, path, required).stream().map(s -> s == null ? "" : s).toList();
    }

    private <E> List<E> enums(JsonNode n, String field, String path, Function<String, Optional<E>> parse, String kind, String known) {
        List<E> result = new ArrayList<>();
        List<String> ids = rawStrings(n, field, path, false);
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) == null) {
                continue;
            }
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
        if (tag.isEmpty() && covered.contains(path)) {
            return Locale.ROOT; // missing or of the wrong type, already reported
        }
        if (!LANGUAGE_TAG.matcher(tag).matches()) {
            problem(path, "invalid language tag '" + tag + "', expected a BCP 47 tag in canonical form such as nb or en-GB");
            return Locale.ROOT;
        }
        return Locale.forLanguageTag(tag);
    }

    private TimeSpan span(JsonNode n, String field, String path, boolean required) {
        JsonNode value = field(n, field, path, required);
        if (value == null) {
            return TimeSpan.session();
        }
        if (!value.isString()) {
            problem(path, "expected a string, found " + kind(value));
            return TimeSpan.session();
        }
        try {
            return TimeSpan.parse(value.stringValue());
        } catch (IllegalArgumentException e) {
            problem(path, e.getMessage());
            return TimeSpan.session();
        }
    }

    /** An optional span; {@code null} (the model's default) when absent or malformed (the malformed value is reported). */
    private TimeSpan optionalSpan(JsonNode n, String field) {
        if (n.get(field) == null) {
            return null;
        }
        int before = problems.size();
        TimeSpan span = span(n, field, field, false);
        return problems.size() > before ? null : span;
    }

    private LocalizedText localized(JsonNode n, String field, String path, boolean required) {
        textPaths.add(path);
        JsonNode value = field(n, field, path, required);
        if (value == null) {
            return LocalizedText.EMPTY;
        }
        if (value.isString()) {
            return LocalizedText.of(value.stringValue());
        }
        if (!value.isObject()) {
            problem(path, "expected a string or an object of texts by language tag, found " + kind(value));
            return LocalizedText.EMPTY;
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            if (e.getValue().isString()) {
                texts.put(e.getKey(), e.getValue().stringValue());
            } else {
                problem(path + "." + e.getKey(), "expected a string, found " + kind(e.getValue()));
                // The validator would add that this locale has no text: the same problem.
                covered.add(path);
            }
        }
        return LocalizedText.of(texts, fallback);
    }
}
