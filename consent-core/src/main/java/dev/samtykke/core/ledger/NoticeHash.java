package dev.samtykke.core.ledger;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import dev.samtykke.core.ledger.spi.LedgerChain;
import dev.samtykke.core.policy.Banner;
import dev.samtykke.core.policy.CollectionChannel;
import dev.samtykke.core.policy.ConsentModeType;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.Contact;
import dev.samtykke.core.policy.Controller;
import dev.samtykke.core.policy.CookieDeclaration;
import dev.samtykke.core.policy.DataSubjectRight;
import dev.samtykke.core.policy.LocalizedText;
import dev.samtykke.core.policy.Processor;
import dev.samtykke.core.policy.Purpose;
import dev.samtykke.core.policy.Service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The fingerprint of a notice as a visitor saw it: the hex SHA-256 of a canonical serialisation of the
 * policy's content (ids, version, controller, lifetimes, rights, categories, purposes with their legal
 * basis, data categories and retention, services with their providers and cookies, data categories,
 * processors, channels) with every text resolved in one locale, plus the banner's title, text and labels in
 * that locale. A ledger record stores it, so the record proves what the visitor was shown.
 *
 * <p>The serialisation is JSON with object keys sorted and lists in policy-file order (the order shown),
 * prefixed with a format tag; it does not depend on the order of any map, so the same policy gives the same
 * hash on every JVM. Any change a visitor could see in that locale (a text, a purpose, a cookie, a duration)
 * changes the hash; a text changed only in another locale does not.
 */
public final class NoticeHash {

    /** The format tag hashed with the content; a new serialisation would get a new tag. */
    public static final String FORMAT = "samtykke-notice-v1";

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private NoticeHash() {
    }

    /**
     * The notice hash of {@code policy} shown in {@code locale}.
     *
     * @param policy the policy
     * @param locale the locale its texts were shown in
     * @return 64 lower-case hex characters
     */
    public static String of(ConsentPolicy policy, Locale locale) {
        return LedgerChain.sha256Hex(canonical(policy, locale));
    }

    /**
     * The canonical serialisation that {@link #of} hashes, for audits and debugging.
     *
     * @param policy the policy
     * @param locale the locale its texts were shown in
     * @return the UTF-8 bytes of the canonical JSON
     */
    public static byte[] canonical(ConsentPolicy policy, Locale locale) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(locale, "locale");
        String tag = locale.toLanguageTag();
        Map<String, Object> root = new HashMap<>();
        root.put("format", FORMAT);
        root.put("locale", tag);
        root.put("id", policy.id());
        root.put("version", policy.version().toString());
        root.put("title", text(policy.title(), tag));
        root.put("consentLifetime", policy.consentLifetime().iso());
        root.put("refusalLifetime", policy.refusalLifetime().iso());
        root.put("controller", controller(policy.controller(), tag));
        root.put("noticeUrl", text(policy.noticeUrl(), tag));
        root.put("jurisdiction", policy.jurisdiction());
        root.put("banner", banner(policy.banner(), tag));
        root.put("rights", policy.rights().stream().map(DataSubjectRight::id).toList());
        root.put("categories", map(policy.categories(), c -> item(
                "id", c.id(), "title", text(c.title(), tag), "description", text(c.description(), tag))));
        root.put("purposes", map(policy.purposes(), p -> purpose(p, tag)));
        root.put("services", map(policy.services(), s -> service(s, tag)));
        root.put("dataCategories", map(policy.dataCategories(), d -> item(
                "id", d.id(), "title", text(d.title(), tag), "description", text(d.description(), tag))));
        root.put("processors", map(policy.processors(), p -> processor(p, tag)));
        root.put("channels", map(policy.channels(), c -> channel(c, tag)));
        try {
            return CANONICAL.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot serialise policy " + policy.id(), e);
        }
    }

    private static Map<String, Object> purpose(Purpose p, String tag) {
        Map<String, Object> m = item("id", p.id(), "category", p.category(), "legalBasis", p.legalBasis().id(),
                "title", text(p.title(), tag), "description", text(p.description(), tag));
        m.put("dataCategories", p.dataCategories());
        m.put("channels", p.channels());
        m.put("retention", p.retention().iso());
        m.put("gpcOptOut", p.gpcOptOut());
        if (p.objectable()) { // only when set, so the hash of a policy without objections stays what it was
            m.put("objectable", true);
        }
        if (p.choicePerService()) { // likewise
            m.put("choicePerService", true);
        }
        return m;
    }

    private static Map<String, Object> service(Service s, String tag) {
        Map<String, Object> m = item("id", s.id(), "name", s.name(), "description", text(s.description(), tag));
        m.put("provider", item("name", s.provider().name(), "country", s.provider().country(),
                "privacyPolicyUrl", s.provider().privacyPolicyUrl()));
        m.put("purposes", s.purposes());
        m.put("cookies", map(s.cookies(), c -> cookie(c, tag)));
        m.put("consentModeTypes", s.consentModeTypes().stream().map(ConsentModeType::id).sorted().toList());
        m.put("illustrative", s.illustrative());
        if (!s.hosts().isEmpty()) {
            m.put("hosts", s.hosts()); // only when declared: a policy without hosts keeps its hash
        }
        return m;
    }

    private static Map<String, Object> cookie(CookieDeclaration c, String tag) {
        Map<String, Object> m = item("name", c.name(), "party", c.party().id(), "duration", c.duration().iso(),
                "domain", c.domain(), "description", text(c.description(), tag));
        if (!c.isCookie()) {
            m.put("storage", c.storage().id()); // only for storage keys: a cookie declaration keeps its hash
        }
        return m;
    }

    private static Map<String, Object> processor(Processor p, String tag) {
        Map<String, Object> m = item("id", p.id(), "name", text(p.name(), tag), "description", text(p.description(), tag),
                "location", p.location());
        m.put("purposes", p.purposes());
        return m;
    }

    private static Map<String, Object> channel(CollectionChannel c, String tag) {
        return item("id", c.id(), "title", text(c.title(), tag), "description", text(c.description(), tag));
    }

    private static Map<String, Object> controller(Controller c, String tag) {
        Map<String, Object> m = item("name", c.name(), "organisationNumber", c.organisationNumber());
        m.put("contact", contact(c.contact(), tag));
        Map<String, Object> authority = item("name", text(c.supervisoryAuthority().name(), tag));
        authority.put("contact", contact(c.supervisoryAuthority().contact(), tag));
        m.put("supervisoryAuthority", authority);
        return m;
    }

    private static Map<String, Object> contact(Contact c, String tag) {
        return item("email", c.email(), "phone", c.phone(), "address", text(c.address(), tag), "url", c.url());
    }

    private static Map<String, Object> banner(Banner b, String tag) {
        Map<String, Object> labels = new HashMap<>();
        b.labels().forEach((key, value) -> labels.put(key, text(value, tag)));
        Map<String, Object> m = item("title", text(b.title(), tag), "text", text(b.text(), tag));
        m.put("labels", labels);
        return m;
    }

    private static String text(LocalizedText text, String tag) {
        return text == null ? "" : text.get(tag);
    }

    private static <T> List<Object> map(List<T> items, Function<T, Object> f) {
        List<Object> out = new ArrayList<>(items.size());
        for (T item : items) {
            out.add(f.apply(item));
        }
        return out;
    }

    private static Map<String, Object> item(Object... keyValues) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
