package dev.samtykke.core.policy;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.samtykke.core.policy.ReadLog.Need.OPTIONAL;
import static dev.samtykke.core.policy.ReadLog.Need.REQUIRED;

/**
 * Maps a parsed policy document onto the model, recording every structural problem (wrong type,
 * missing field, unknown field, malformed value) with its path instead of stopping at the first.
 *
 * <p>Each JSON object is read through an {@link ObjectReader}: a field is named once, where it is read, and
 * every field no read asked for is reported as unknown. Placeholders stand in for bad values so that the
 * semantic checks of {@link PolicyValidator} can run as well, and list positions stay those of the file (a bad
 * list element becomes a placeholder rather than disappearing), so that the validator's paths point at the right
 * element. {@link #covered()} lists the paths whose validator findings would only repeat a problem reported here.
 * The structure accepted here is the one {@code policy.schema.json} describes; keep the two in step.
 */
final class PolicyReader {

    /**
     * A language tag in canonical form: a 2-3 letter language, an optional script and an optional
     * region, e.g. {@code nb}, {@code en-GB}, {@code zh-Hant-TW}, {@code es-419}.
     */
    static final Pattern LANGUAGE_TAG = Pattern.compile("[a-z]{2,3}(-[A-Z][a-z]{3})?(-(?:[A-Z]{2}|[0-9]{3}))?");

    private static final String LEGAL_BASES = "consent, legitimate-interest, contract, legal-obligation, vital-interest, public-task";
    private static final String RIGHTS = "access, rectification, erasure, restriction, portability, objection, withdraw-consent, complaint";
    private static final String CONSENT_MODE_TYPES = "ad_storage, analytics_storage, ad_user_data, ad_personalization, "
            + "functionality_storage, personalization_storage, security_storage";

    private final ReadLog log;

    /** @param yaml whether the document was YAML (whose 1.1 boolean words boolean fields accept) */
    PolicyReader(boolean yaml) {
        this.log = new ReadLog(yaml);
    }

    /** The structural problems found, in document order. */
    List<PolicyProblem> problems() {
        return log.problems();
    }

    /** The paths at or under which a validator finding repeats a problem reported here. */
    Set<String> covered() {
        return log.covered();
    }

    ConsentPolicy read(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            log.problem("", "the document is empty");
            return null;
        }
        if (!root.isObject()) {
            log.problem("", "expected an object at the top level, found " + ValueReader.kind(root));
            return null;
        }
        if (root.isEmpty() || (root.size() == 1 && root.has("$schema"))) {
            log.problem("", "the policy is empty: it declares no id, version, locales, controller, categories or purposes");
            return null;
        }
        ConsentPolicy policy = ObjectReader.read(log, root, "", this::policy);
        if (covered().stream().anyMatch(path -> path.equals("locales") || path.startsWith("locales["))) {
            // Without a sound list of locales, "no text for" and "text for undeclared" findings are noise.
            log.coverTexts();
        }
        return policy;
    }

    private ConsentPolicy policy(ObjectReader doc) {
        doc.field("$schema").string(OPTIONAL);
        ConsentPolicy.Builder b = ConsentPolicy.builder();
        b.id(doc.field("id").string(REQUIRED));
        b.version(version(doc.field("version")));
        ValueReader title = doc.field("title"); // read once the default locale, its texts' fallback, is known
        ValueReader defaultLocale = doc.field("defaultLocale");
        String defaultTag = defaultLocale.string(REQUIRED);
        log.fallback(defaultTag);
        b.defaultLocale(locale(defaultLocale.path(), defaultTag));
        b.locales(locales(doc.field("locales")));
        b.title(title.localized(OPTIONAL));
        b.consentLifetime(doc.field("consentLifetime").spanOrNull());
        b.refusalLifetime(doc.field("refusalLifetime").spanOrNull());
        b.controller(doc.field("controller").object(REQUIRED, this::controller));
        b.noticeUrl(doc.field("noticeUrl").localized(OPTIONAL));
        b.jurisdiction(doc.field("jurisdiction").string(OPTIONAL));
        b.banner(doc.field("banner").object(OPTIONAL, this::banner));
        b.rights(doc.field("rights").enums(DataSubjectRight::fromId, "right", RIGHTS));
        b.categories(doc.field("categories").list(REQUIRED, c -> new Category(c.field("id").string(REQUIRED),
                c.field("title").localized(REQUIRED), c.field("description").localized(OPTIONAL))));
        b.dataCategories(doc.field("dataCategories").list(OPTIONAL, c -> new DataCategory(c.field("id").string(REQUIRED),
                c.field("title").localized(REQUIRED), c.field("description").localized(OPTIONAL))));
        b.channels(doc.field("channels").list(OPTIONAL, c -> new CollectionChannel(c.field("id").string(REQUIRED),
                c.field("title").localized(REQUIRED), c.field("description").localized(OPTIONAL))));
        b.purposes(doc.field("purposes").list(REQUIRED, this::purpose));
        b.services(doc.field("services").list(OPTIONAL, this::service));
        b.processors(doc.field("processors").list(OPTIONAL, p -> new Processor(p.field("id").string(REQUIRED),
                p.field("name").localized(REQUIRED), p.field("description").localized(OPTIONAL),
                p.field("location").string(OPTIONAL), p.field("purposes").strings(OPTIONAL))));
        return b.buildUnchecked();
    }

    private PolicyVersion version(ValueReader field) {
        JsonNode value = field.node();
        if (value != null && value.isNumber()) {
            // YAML reads an unquoted 1.0 as a number, and 1.10 as 1.1: the text must be quoted.
            field.problem("expected a string such as \"1.0\", found the number " + value.asString() + " (quote the version in YAML)");
            return new PolicyVersion(0, 0);
        }
        String version = field.string(REQUIRED);
        if (PolicyVersion.isValid(version)) {
            return PolicyVersion.parse(version);
        }
        if (!field.reported()) {
            field.problem("malformed version '" + version + "', expected MAJOR.MINOR such as 1.0");
        }
        return new PolicyVersion(0, 0);
    }

    private List<Locale> locales(ValueReader field) {
        List<String> tags = field.strings(REQUIRED);
        List<Locale> locales = new ArrayList<>();
        for (int i = 0; i < tags.size(); i++) {
            locales.add(locale(field.elementPath(i), tags.get(i)));
        }
        if (tags.isEmpty() && field.node() != null && field.node().isArray()) {
            field.problem("no locales declared: list at least the default locale");
        }
        return locales;
    }

    private Locale locale(String path, String tag) {
        if (tag.isEmpty() && log.reported(path)) {
            return Locale.ROOT; // missing or of the wrong type, already reported
        }
        if (!LANGUAGE_TAG.matcher(tag).matches()) {
            log.problem(path, "invalid language tag '" + tag + "', expected a BCP 47 tag in canonical form such as nb or en-GB");
            return Locale.ROOT;
        }
        return Locale.forLanguageTag(tag);
    }

    private Purpose purpose(ObjectReader p) {
        return new Purpose(p.field("id").string(REQUIRED), p.field("category").string(REQUIRED),
                p.field("legalBasis").oneOf(REQUIRED, "", LegalBasis::fromId, LegalBasis.CONSENT, "legal basis", LEGAL_BASES),
                p.field("title").localized(REQUIRED), p.field("description").localized(REQUIRED),
                p.field("dataCategories").strings(OPTIONAL), p.field("channels").strings(OPTIONAL),
                p.field("retention").span(REQUIRED), p.field("gpcOptOut").bool(), p.field("objectable").bool(),
                p.field("choicePerService").bool());
    }

    private Service service(ObjectReader s) {
        String id = s.field("id").string(REQUIRED);
        String name = s.field("name").string(REQUIRED);
        Provider provider = s.field("provider").object(REQUIRED, p -> new Provider(p.field("name").string(REQUIRED),
                p.field("country").string(OPTIONAL), p.field("privacyPolicyUrl").string(OPTIONAL)));
        LocalizedText description = s.field("description").localized(OPTIONAL);
        List<String> purposes = s.field("purposes").strings(OPTIONAL);
        List<CookieDeclaration> cookies = s.field("cookies").list(OPTIONAL, this::cookie);
        Set<ConsentModeType> types = EnumSet.noneOf(ConsentModeType.class);
        types.addAll(s.field("consentModeTypes").enums(ConsentModeType::fromId, "consent mode type", CONSENT_MODE_TYPES));
        return new Service(id, name, provider, description, purposes, cookies, types, s.field("illustrative").bool(),
                s.field("hosts").strings(OPTIONAL));
    }

    private CookieDeclaration cookie(ObjectReader c) {
        return new CookieDeclaration(c.field("name").string(REQUIRED),
                c.field("party").oneOf(OPTIONAL, "first", CookieParty::fromId, CookieParty.FIRST, "party", "first, third"),
                c.field("duration").span(REQUIRED), c.field("domain").string(OPTIONAL),
                c.field("description").localized(OPTIONAL),
                c.field("storage").oneOf(OPTIONAL, "cookie", StorageKind::fromId, StorageKind.COOKIE, "storage",
                        "cookie, localStorage, sessionStorage"));
    }

    private Controller controller(ObjectReader c) {
        return new Controller(c.field("name").string(REQUIRED), c.field("organisationNumber").string(OPTIONAL),
                c.field("contact").object(OPTIONAL, this::contact),
                c.field("supervisoryAuthority").object(REQUIRED, a -> new SupervisoryAuthority(
                        a.field("name").localized(REQUIRED), a.field("contact").object(OPTIONAL, this::contact))));
    }

    private Contact contact(ObjectReader c) {
        return new Contact(c.field("email").string(OPTIONAL), c.field("phone").string(OPTIONAL),
                c.field("address").localized(OPTIONAL), c.field("url").string(OPTIONAL));
    }

    private Banner banner(ObjectReader b) {
        LocalizedText title = b.field("title").localized(OPTIONAL);
        LocalizedText text = b.field("text").localized(OPTIONAL);
        Map<String, LocalizedText> labels = b.field("labels").object(OPTIONAL, l -> {
            Map<String, LocalizedText> result = new LinkedHashMap<>();
            for (String key : l.names()) {
                ValueReader label = l.field(key);
                if (Banner.LABEL_KEYS.contains(key)) {
                    result.put(key, label.localized(REQUIRED));
                } else {
                    label.problem("unknown banner label '" + key + "' (known: " + String.join(", ", Banner.LABEL_KEYS) + ")");
                }
            }
            return result;
        });
        ConsentModeDefaults consentMode = b.field("consentMode").object(OPTIONAL, this::consentMode);
        return new Banner(title, text, labels, consentMode);
    }

    /** {@code banner.consentMode}: a bad value is reported where it is and left out of what is built. */
    private ConsentModeDefaults consentMode(ObjectReader c) {
        ValueReader waitField = c.field("waitForUpdate");
        Long wait = waitField.integer();
        if (wait != null && ConsentModeDefaults.waitProblem(wait) != null) {
            waitField.problem(ConsentModeDefaults.waitProblem(wait));
            wait = null;
        }
        List<String> regions = new ArrayList<>();
        List<String> given = c.field("region").strings(OPTIONAL);
        for (int i = 0; i < given.size(); i++) {
            String path = c.path() + ".region[" + i + "]";
            String problem = ConsentModeDefaults.regionProblem(given.get(i), regions);
            if (problem == null) {
                regions.add(given.get(i));
            } else if (!log.reported(path)) { // a wrong type is reported already
                log.problem(path, problem);
            }
        }
        return new ConsentModeDefaults(wait == null ? ConsentModeDefaults.DEFAULT_WAIT_FOR_UPDATE_MILLIS : wait.intValue(),
                regions);
    }
}
