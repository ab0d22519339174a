package dev.samtykke.core.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks a policy's meaning: unique ids, resolvable references, complete translations, legal bases
 * that fit their categories, unambiguous cookies. Collects every problem rather than stopping at the
 * first. {@link PolicyLoader} and {@link ConsentPolicy.Builder#build()} run it.
 */
public final class PolicyValidator {

    /** Ids are used in cookies, URLs, HTML and the ledger: keep them plain. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** RFC 6265 cookie-name token characters, with an optional single trailing {@code *}. */
    private static final Pattern COOKIE_NAME = Pattern.compile("[!#$%&'+\\-.^_`|~0-9A-Za-z]+\\*?");
    /**
     * A link the policy may hold (the notice, contacts' and providers' privacy pages), as the JSON Schema's
     * {@code $defs/url} writes it: {@code http://} or {@code https://} (in any case) and a host, or a path on the
     * site starting with one {@code /}; nothing else ({@code javascript:}, {@code data:}, {@code //host}, relative
     * paths), and no space, control character, backslash, {@code "}, {@code <} or {@code >} anywhere (browsers drop,
     * rewrite or percent-encode those).
     */
    private static final Pattern URL = Pattern.compile(
            "(?:[hH][tT][tT][pP][sS]?://[^\\u0000-\\u0020\"<>\\u007f-\\u009f\\\\/?#][^\\u0000-\\u0020\"<>\\u007f-\\u009f\\\\]*"
                    + "|/(?!/)[^\\u0000-\\u0020\"<>\\u007f-\\u009f\\\\]*)");
    /** A browser-storage key: printable characters without spaces or {@code *}, with an optional single trailing {@code *}. */
    private static final Pattern STORAGE_KEY = Pattern.compile("[\\x21-\\x29\\x2B-\\x7E]{1,256}\\*?");
    /** A host name (lower-case DNS labels), or {@code *.} followed by one: {@code connect.facebook.net}, {@code *.google-analytics.com}. */
    private static final Pattern HOST = Pattern.compile("(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    private final ConsentPolicy policy;
    private final List<PolicyProblem> problems = new ArrayList<>();
    private final List<String> localeTags;

    private PolicyValidator(ConsentPolicy policy) {
        this.policy = policy;
        // An invalid locale is reported once, by checkLocales, not again for every text.
        this.localeTags = policy.locales().stream().filter(l -> !l.getLanguage().isEmpty())
                .map(Locale::toLanguageTag).distinct().toList();
    }

    /**
     * Whether a link is one a policy may hold and a page may put into {@code href}: {@code http(s)://host…} or a
     * path on the site starting with a single {@code /}, without spaces, control characters, backslashes,
     * {@code "}, {@code <} or {@code >}.
     *
     * @param url the link
     * @return {@code true} if it is allowed
     */
    public static boolean isAllowedUrl(String url) {
        return url != null && URL.matcher(url).matches();
    }

    /** Every problem of the policy, in file order; empty if it is valid. */
    public static List<PolicyProblem> validate(ConsentPolicy policy) {
        PolicyValidator v = new PolicyValidator(policy);
        v.run();
        return List.copyOf(v.problems);
    }

    private void problem(String path, String message) {
        problems.add(new PolicyProblem(path, message));
    }

    private void run() {
        if (policy.id().isBlank()) {
            problem("id", "missing policy id");
        } else if (!ID.matcher(policy.id()).matches()) {
            problem("id", "invalid id '" + policy.id() + "': use letters, digits, '.', '_' or '-' (at most 64)");
        }
        checkLocales();
        checkLifetime("consentLifetime", policy.consentLifetime());
        checkLifetime("refusalLifetime", policy.refusalLifetime());
        checkController();
        for (int i = 0; i < policy.rights().size(); i++) {
            if (policy.rights().indexOf(policy.rights().get(i)) != i) {
                problem("rights[" + i + "]", "duplicate right '" + policy.rights().get(i).id() + "'");
            }
        }
        text("title", policy.title(), false);
        text("noticeUrl", policy.noticeUrl(), false);
        url("noticeUrl", policy.noticeUrl());
        text("banner.title", policy.banner().title(), false);
        text("banner.text", policy.banner().text(), false);
        policy.banner().labels().forEach((key, label) -> text("banner.labels." + key, label, true));

        if (policy.purposes().isEmpty()) {
            problem("purposes", "the policy is empty: it declares no purposes");
        }
        Map<String, Integer> categories = ids("categories", "category", policy.categories(), Category::id);
        Map<String, Integer> dataCategories = ids("dataCategories", "data category", policy.dataCategories(), DataCategory::id);
        Map<String, Integer> channels = ids("channels", "collection channel", policy.channels(), CollectionChannel::id);
        Map<String, Integer> purposes = ids("purposes", "purpose", policy.purposes(), Purpose::id);
        ids("services", "service", policy.services(), Service::id);
        ids("processors", "processor", policy.processors(), Processor::id);

        for (int i = 0; i < policy.categories().size(); i++) {
            Category c = policy.categories().get(i);
            text("categories[" + i + "].title", c.title(), true);
            text("categories[" + i + "].description", c.description(), false);
        }
        for (int i = 0; i < policy.dataCategories().size(); i++) {
            DataCategory d = policy.dataCategories().get(i);
            text("dataCategories[" + i + "].title", d.title(), true);
            text("dataCategories[" + i + "].description", d.description(), false);
        }
        for (int i = 0; i < policy.channels().size(); i++) {
            CollectionChannel c = policy.channels().get(i);
            text("channels[" + i + "].title", c.title(), true);
            text("channels[" + i + "].description", c.description(), false);
        }
        for (int i = 0; i < policy.purposes().size(); i++) {
            checkPurpose(i, policy.purposes().get(i), categories, dataCategories, channels);
        }
        for (int i = 0; i < policy.services().size(); i++) {
            checkService(i, policy.services().get(i), purposes);
            checkHostsAndStorage(i, policy.services().get(i));
        }
        checkCookieClaims();
        for (int i = 0; i < policy.processors().size(); i++) {
            Processor p = policy.processors().get(i);
            String path = "processors[" + i + "]";
            text(path + ".name", p.name(), true);
            text(path + ".description", p.description(), false);
            references(path + ".purposes", p.purposes(), purposes, "purpose");
        }
    }

    private void checkLocales() {
        if (policy.locales().isEmpty()) {
            problem("locales", "no locales declared");
        }
        for (int i = 0; i < policy.locales().size(); i++) {
            Locale locale = policy.locales().get(i);
            if (locale.getLanguage().isEmpty()) {
                problem("locales[" + i + "]", "invalid language tag '" + locale.toLanguageTag() + "'");
            }
            if (policy.locales().indexOf(locale) != i) {
                problem("locales[" + i + "]", "duplicate locale '" + locale.toLanguageTag() + "'");
            }
        }
        for (int i = 0; i < policy.locales().size(); i++) {
            Locale locale = policy.locales().get(i);
            List<String> missing = locale.getLanguage().isEmpty() ? List.of() : BannerLabels.missing(policy, locale);
            if (!missing.isEmpty()) {
                problem("locales[" + i + "]", "the banner has no built-in texts for '" + locale.toLanguageTag()
                        + "' (built in: " + String.join(", ", BannerLabels.languages()) + "): give these texts in '"
                        + locale.toLanguageTag() + "' in the policy: " + String.join(", ", missing));
            }
        }
        if (!policy.locales().contains(policy.defaultLocale())) {
            problem("defaultLocale", "default locale '" + policy.defaultLocale().toLanguageTag() + "' is not among the declared locales " + localeTags);
        }
    }

    private void checkLifetime(String path, TimeSpan span) {
        if (span.isSession() || span.approximate().isZero()) {
            problem(path, "must be a positive ISO-8601 period such as P12M, not '" + span.iso() + "'");
        }
    }

    private void checkController() {
        Controller c = policy.controller();
        if (c.name().isBlank()) {
            problem("controller.name", "missing controller name");
        }
        text("controller.contact.address", c.contact().address(), false);
        url("controller.contact.url", c.contact().url());
        url("controller.supervisoryAuthority.contact.url", c.supervisoryAuthority().contact().url());
        if (c.supervisoryAuthority().name().isEmpty()) {
            problem("controller.supervisoryAuthority.name", "missing supervisory authority name");
        } else {
            text("controller.supervisoryAuthority.name", c.supervisoryAuthority().name(), true);
        }
    }

    /** The longest service choice key ({@code purpose/service}): what the console's counters store as an item. */
    private static final int MAX_SERVICE_CHOICE_KEY = 128;

    private void checkPurpose(int i, Purpose p, Map<String, Integer> categories, Map<String, Integer> dataCategories,
                              Map<String, Integer> channels) {
        String path = "purposes[" + i + "]";
        text(path + ".title", p.title(), true);
        text(path + ".description", p.description(), true);
        if (!categories.containsKey(p.category())) {
            problem(path + ".category", "unknown category '" + p.category() + "'" + known(categories));
        }
        references(path + ".dataCategories", p.dataCategories(), dataCategories, "data category");
        references(path + ".channels", p.channels(), channels, "collection channel");
        if (Category.NECESSARY.equals(p.category()) && p.requiresConsent()) {
            problem(path + ".legalBasis", "purpose '" + p.id() + "' is in the 'necessary' category and cannot rest on consent:"
                    + " strictly necessary processing is not asked for; move it to another category or choose another legal basis");
        }
        if (p.gpcOptOut() && !p.requiresConsent()) {
            problem(path + ".gpcOptOut", "purpose '" + p.id() + "' rests on " + p.legalBasis()
                    + ", not consent: only consent-based purposes can be opted out of by Global Privacy Control");
        }
        if (p.objectable() && p.legalBasis() != LegalBasis.LEGITIMATE_INTEREST) {
            problem(path + ".objectable", "purpose '" + p.id() + "' rests on " + p.legalBasis()
                    + ", not legitimate-interest: only legitimate-interest purposes can be objected to (GDPR Art. 21);"
                    + " a consent-based purpose is refused instead");
        }
        if (p.choicePerService() && !p.requiresConsent()) {
            problem(path + ".choicePerService", "purpose '" + p.id() + "' rests on " + p.legalBasis()
                    + ", not consent: only a consent-based purpose is granted per service");
        }
        if (p.choicePerService()) {
            for (Service s : policy.servicesFor(p.id())) {
                if (ConsentPolicy.serviceChoiceKey(p.id(), s.id()).length() > MAX_SERVICE_CHOICE_KEY) {
                    problem(path + ".choicePerService", "purpose '" + p.id() + "' and its service '" + s.id()
                            + "' have ids too long together for a service choice (" + MAX_SERVICE_CHOICE_KEY
                            + " characters at most, with the '/' between them): shorten one");
                }
            }
        }
        if (p.retention().isSession()) {
            problem(path + ".retention", "retention must be an ISO-8601 duration such as P26M, not 'session'");
        }
    }

    private void checkService(int i, Service s, Map<String, Integer> purposes) {
        String path = "services[" + i + "]";
        if (s.name().isBlank()) {
            problem(path + ".name", "missing service name");
        }
        if (s.provider().name().isBlank()) {
            problem(path + ".provider.name", "missing provider name");
        }
        url(path + ".provider.privacyPolicyUrl", s.provider().privacyPolicyUrl());
        text(path + ".description", s.description(), false);
        if (s.purposes().isEmpty()) {
            problem(path + ".purposes", "service '" + s.id() + "' serves no purpose; every service must serve at least one");
        }
        references(path + ".purposes", s.purposes(), purposes, "purpose");
        if (!s.cookies().isEmpty()) {
            for (int j = 0; j < s.purposes().size(); j++) {
                Purpose p = policy.purpose(s.purposes().get(j)).orElse(null);
                if (p != null && !Category.NECESSARY.equals(p.category()) && !p.requiresConsent()) {
                    problem(path + ".purposes[" + j + "]", "service '" + s.id() + "' sets cookies for purpose '" + p.id()
                            + "' in category '" + p.category() + "', which rests on " + p.legalBasis()
                            + ": cookies that are not strictly necessary need consent (legitimate interest does not cover them,"
                            + " EDPB cookie banner taskforce report)");
                }
            }
        }
        for (int j = 0; j < s.cookies().size(); j++) {
            CookieDeclaration c = s.cookies().get(j);
            String cookiePath = path + ".cookies[" + j + "]";
            if (c.isCookie() && !validCookieName(c.name())) {
                problem(cookiePath + ".name", "invalid cookie name '" + c.name()
                        + "': use the exact name, or a prefix followed by one trailing '*' such as _ga_*");
            }
            text(cookiePath + ".description", c.description(), false);
        }
    }

    /** A service's hosts are plain host names or {@code *.} patterns, each once; its storage keys well-formed. */
    private void checkHostsAndStorage(int i, Service s) {
        String path = "services[" + i + "]";
        for (int j = 0; j < s.hosts().size(); j++) {
            String host = s.hosts().get(j);
            if (host.length() > 253 || !HOST.matcher(host).matches()) {
                problem(path + ".hosts[" + j + "]", "invalid host '" + host + "': use a lower-case host name such as connect.facebook.net,"
                        + " or '*.' and a domain such as *.google-analytics.com (no scheme, port or path)");
            } else if (s.hosts().indexOf(host) != j) {
                problem(path + ".hosts[" + j + "]", "duplicate host '" + host + "' (also " + path + ".hosts[" + s.hosts().indexOf(host) + "])");
            }
        }
        for (int j = 0; j < s.cookies().size(); j++) {
            CookieDeclaration c = s.cookies().get(j);
            if (!c.isCookie() && !STORAGE_KEY.matcher(c.name()).matches()) {
                problem(path + ".cookies[" + j + "].name", "invalid " + c.storage() + " key '" + c.name()
                        + "': use the exact key, or a prefix followed by one trailing '*' such as amplitude_*");
            }
            if (!c.isCookie() && c.domain() != null) {
                problem(path + ".cookies[" + j + "].domain", "a " + c.storage() + " key has no domain: only cookies do");
            }
        }
    }

    /** One cookie name (or overlapping pattern) claimed by two services makes enforcement ambiguous. */
    private void checkCookieClaims() {
        record Claim(String path, String serviceId, CookieDeclaration cookie) {
        }
        List<Claim> claims = new ArrayList<>();
        for (int i = 0; i < policy.services().size(); i++) {
            Service s = policy.services().get(i);
            for (int j = 0; j < s.cookies().size(); j++) {
                claims.add(new Claim("services[" + i + "].cookies[" + j + "].name", s.id(), s.cookies().get(j)));
            }
        }
        Map<String, Claim> seen = new HashMap<>();
        for (Claim claim : claims) {
            Claim earlier = seen.putIfAbsent(claim.cookie().storage().id() + ":" + claim.cookie().name(), claim);
            if (earlier != null) {
                String who = earlier.serviceId().equals(claim.serviceId())
                        ? "twice by service '" + claim.serviceId() + "'" : "by service '" + earlier.serviceId() + "' too";
                problem(claim.path(), "cookie '" + claim.cookie().name() + "' is declared " + who + " (" + earlier.path() + ")");
            }
        }
        for (Claim a : claims) {
            if (!a.cookie().isPattern() || !validCookieName(a.cookie().name())) {
                continue; // an invalid pattern (such as '*') is reported as such, not as matching everything
            }
            for (Claim b : claims) {
                if (a == b || !validCookieName(b.cookie().name()) || a.serviceId().equals(b.serviceId()) || a.cookie().name().equals(b.cookie().name())
                        || a.cookie().storage() != b.cookie().storage()) {
                    continue;
                }
                if (b.cookie().prefix().startsWith(a.cookie().prefix())) {
                    problem(b.path(), "cookie '" + b.cookie().name() + "' of service '" + b.serviceId()
                            + "' is also matched by pattern '" + a.cookie().name() + "' of service '" + a.serviceId() + "' (" + a.path() + ")");
                }
            }
        }
    }

    private static boolean validCookieName(String name) {
        return COOKIE_NAME.matcher(name).matches();
    }

    private <T> Map<String, Integer> ids(String path, String kind, List<T> items, Function<T, String> id) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String value = id.apply(items.get(i));
            String itemPath = path + "[" + i + "].id";
            if (value.isBlank()) {
                problem(itemPath, "missing " + kind + " id");
                continue;
            }
            if (!ID.matcher(value).matches()) {
                problem(itemPath, "invalid " + kind + " id '" + value + "': use letters, digits, '.', '_' or '-' (at most 64)");
            }
            Integer earlier = seen.putIfAbsent(value, i);
            if (earlier != null) {
                problem(itemPath, "duplicate " + kind + " id '" + value + "' (also " + path + "[" + earlier + "])");
            }
        }
        return seen;
    }

    private void references(String path, List<String> refs, Map<String, Integer> known, String kind) {
        for (int j = 0; j < refs.size(); j++) {
            if (!known.containsKey(refs.get(j))) {
                problem(path + "[" + j + "]", "unknown " + kind + " '" + refs.get(j) + "'" + known(known));
            }
        }
    }

    private static String known(Map<String, Integer> known) {
        return known.isEmpty() ? "" : " (known: " + String.join(", ", known.keySet()) + ")";
    }

    /** A localized text must have a value for every declared locale and none for undeclared ones. */
    private void url(String path, LocalizedText text) {
        if (text.isUniversal()) {
            url(path, text.universal());
        }
        text.values().forEach((tag, value) -> url(path + "." + tag, value));
    }

    private void url(String path, String url) {
        if (url != null && !isAllowedUrl(url)) {
            problem(path, "invalid URL '" + printable(url) + "': use http:// or https:// with a host, or a path on the site"
                    + " starting with a single '/' (no other scheme such as javascript:, no spaces or control characters)");
        }
    }

    /** A value made safe to quote in a message: control characters shown as '?', at most 80 characters. */
    private static String printable(String value) {
        String shortened = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        return shortened.replaceAll("\\p{Cntrl}", "?");
    }

    private void text(String path, LocalizedText text, boolean required) {
        if (text.isEmpty()) {
            if (required) {
                problem(path, "missing text");
            }
            return;
        }
        if (text.isUniversal()) {
            if (text.universal().isBlank() && required) {
                problem(path, "missing text");
            }
            return;
        }
        for (String tag : localeTags) {
            String value = text.values().get(tag);
            if (value == null || value.isBlank()) {
                problem(path, "no text for locale '" + tag + "'");
            }
        }
        for (String tag : text.values().keySet()) {
            if (!localeTags.contains(tag)) {
                problem(path, "text for locale '" + tag + "', which the policy does not declare " + localeTags);
            }
        }
    }
}
