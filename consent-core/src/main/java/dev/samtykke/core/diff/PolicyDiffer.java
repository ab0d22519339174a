package dev.samtykke.core.diff;

import dev.samtykke.core.policy.Category;
import dev.samtykke.core.policy.CollectionChannel;
import dev.samtykke.core.policy.ConsentModeType;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.Contact;
import dev.samtykke.core.policy.CookieDeclaration;
import dev.samtykke.core.policy.CookieParty;
import dev.samtykke.core.policy.DataCategory;
import dev.samtykke.core.policy.LocalizedText;
import dev.samtykke.core.policy.Processor;
import dev.samtykke.core.policy.Provider;
import dev.samtykke.core.policy.Purpose;
import dev.samtykke.core.policy.Service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Walks two policies side by side and classifies every difference. Entries are matched by id
 * (cookies by name within their service), so a reordered file shows as one {@code order-changed}
 * difference, not as removals and additions.
 *
 * <p>What a decision under the old file covers: grants of the purposes that rest on consent there.
 * A purpose that rests on consent in both files is "grantable": old grants of it carry over. A
 * consent-based purpose that is new in the new file is "fresh": no old decision covers it, and a
 * service that serves a fresh purpose is never allowed by an old decision (a service needs
 * <em>all</em> its purposes). A processor, unlike a service, processes data for each of its
 * purposes on its own, and one with no purposes listed serves all of them.
 */
final class PolicyDiffer {

    private final ConsentPolicy o;
    private final ConsentPolicy n;
    private final List<String> tags;
    private final List<PolicyDifference> out = new ArrayList<>();

    PolicyDiffer(ConsentPolicy oldPolicy, ConsentPolicy newPolicy) {
        this.o = oldPolicy;
        this.n = newPolicy;
        Set<String> all = new LinkedHashSet<>();
        oldPolicy.locales().forEach(l -> all.add(l.toLanguageTag()));
        newPolicy.locales().forEach(l -> all.add(l.toLanguageTag()));
        this.tags = List.copyOf(all);
        run();
    }

    List<PolicyDifference> differences() {
        return List.copyOf(out);
    }

    private void add(String path, DiffRule rule, String detail) {
        out.add(new PolicyDifference(path, rule, detail));
    }

    private void run() {
        if (!o.id().equals(n.id())) {
            add("id", DiffRule.POLICY_ID_CHANGED, "policy id changed from '" + o.id() + "' to '" + n.id()
                    + "': decisions recorded under '" + o.id() + "' do not carry over");
        }
        text("title", o.title(), n.title());
        locales();
        lifetimes();
        controller();
        text("noticeUrl", o.noticeUrl(), n.noticeUrl());
        if (!Objects.equals(o.jurisdiction(), n.jurisdiction())) {
            add("jurisdiction", DiffRule.OTHER_CHANGED, "jurisdiction changed from " + o.jurisdiction() + " to " + n.jurisdiction());
        }
        banner();
        if (!o.rights().equals(n.rights())) {
            add("rights", DiffRule.RIGHTS_CHANGED, change("rights", o.rights(), n.rights()));
        }
        categories();
        definitions("dataCategories", "data category", o.dataCategories(), n.dataCategories(), DataCategory::id,
                DataCategory::title, DataCategory::description);
        definitions("channels", "collection channel", o.channels(), n.channels(), CollectionChannel::id,
                CollectionChannel::title, CollectionChannel::description);
        purposes();
        services();
        processors();
        if (out.isEmpty() && !o.equals(n.toBuilder().version(o.version()).buildUnchecked())) {
            add("", DiffRule.OTHER_CHANGED, "the policies differ in a way no other rule names");
        }
    }

    // --- the policy as a whole ------------------------------------------------------------------

    private void locales() {
        if (!o.defaultLocale().equals(n.defaultLocale())) {
            add("defaultLocale", DiffRule.LOCALES_CHANGED, "default locale changed from " + o.defaultLocale().toLanguageTag()
                    + " to " + n.defaultLocale().toLanguageTag());
        }
        if (!o.locales().equals(n.locales())) {
            add("locales", DiffRule.LOCALES_CHANGED, change("locales",
                    o.locales().stream().map(Locale::toLanguageTag).toList(), n.locales().stream().map(Locale::toLanguageTag).toList()));
        }
    }

    private void lifetimes() {
        if (!o.consentLifetime().iso().equals(n.consentLifetime().iso())) {
            boolean longer = n.consentLifetime().compareTo(o.consentLifetime()) > 0;
            add("consentLifetime", longer ? DiffRule.CONSENT_LIFETIME_LENGTHENED : DiffRule.LIFETIME_CHANGED,
                    "consent lifetime " + (longer ? "lengthened" : "changed") + " from " + o.consentLifetime() + " to " + n.consentLifetime()
                            + (longer ? ": earlier consents would last longer than the visitor was told" : ""));
        }
        if (!o.refusalLifetime().iso().equals(n.refusalLifetime().iso())) {
            add("refusalLifetime", DiffRule.LIFETIME_CHANGED,
                    "refusal lifetime changed from " + o.refusalLifetime() + " to " + n.refusalLifetime());
        }
    }

    private void controller() {
        var oc = o.controller();
        var nc = n.controller();
        value("controller.name", DiffRule.CONTROLLER_CHANGED, oc.name(), nc.name());
        value("controller.organisationNumber", DiffRule.CONTROLLER_CHANGED, oc.organisationNumber(), nc.organisationNumber());
        contact("controller.contact", oc.contact(), nc.contact());
        if (!sameText(oc.supervisoryAuthority().name(), nc.supervisoryAuthority().name())) {
            add("controller.supervisoryAuthority.name", DiffRule.CONTROLLER_CHANGED, textChange(
                    oc.supervisoryAuthority().name(), nc.supervisoryAuthority().name()));
        }
        contact("controller.supervisoryAuthority.contact", oc.supervisoryAuthority().contact(), nc.supervisoryAuthority().contact());
    }

    private void contact(String path, Contact a, Contact b) {
        value(path + ".email", DiffRule.CONTROLLER_CHANGED, a.email(), b.email());
        value(path + ".phone", DiffRule.CONTROLLER_CHANGED, a.phone(), b.phone());
        value(path + ".url", DiffRule.CONTROLLER_CHANGED, a.url(), b.url());
        if (!sameText(a.address(), b.address())) {
            add(path + ".address", DiffRule.CONTROLLER_CHANGED, textChange(a.address(), b.address()));
        }
    }

    private void banner() {
        text("banner.title", o.banner().title(), n.banner().title());
        text("banner.text", o.banner().text(), n.banner().text());
        Set<String> keys = new LinkedHashSet<>(o.banner().labels().keySet());
        keys.addAll(n.banner().labels().keySet());
        for (String key : keys) {
            text("banner.labels." + key, o.banner().labels().getOrDefault(key, LocalizedText.EMPTY),
                    n.banner().labels().getOrDefault(key, LocalizedText.EMPTY));
        }
    }

    private void categories() {
        Map<String, Category> old = byId(o.categories(), Category::id);
        for (Category c : n.categories()) {
            String path = item("categories", c.id());
            Category before = old.get(c.id());
            if (before == null) {
                add(path, DiffRule.CATEGORY_ADDED, "category '" + c.id() + "' added");
            } else {
                text(path + ".title", before.title(), c.title());
                text(path + ".description", before.description(), c.description());
            }
        }
        removed("categories", "category", o.categories(), n.categories(), Category::id, DiffRule.CATEGORY_REMOVED);
        order("categories", o.categories(), n.categories(), Category::id);
    }

    private <T> void definitions(String list, String kind, List<T> olds, List<T> news, Function<T, String> id,
                                 Function<T, LocalizedText> title, Function<T, LocalizedText> description) {
        Map<String, T> old = byId(olds, id);
        for (T now : news) {
            String path = item(list, id.apply(now));
            T before = old.get(id.apply(now));
            if (before == null) {
                add(path, DiffRule.DEFINITION_ADDED, kind + " '" + id.apply(now) + "' defined");
            } else {
                text(path + ".title", title.apply(before), title.apply(now));
                text(path + ".description", description.apply(before), description.apply(now));
            }
        }
        removed(list, kind, olds, news, id, DiffRule.DEFINITION_REMOVED);
        order(list, olds, news, id);
    }

    // --- purposes -------------------------------------------------------------------------------

    /** Old grants of the purpose carry over: it rests on consent in both files. */
    private boolean grantable(String purposeId) {
        return o.purpose(purposeId).map(Purpose::requiresConsent).orElse(false)
                && n.purpose(purposeId).map(Purpose::requiresConsent).orElse(false);
    }

    /** A consent-based purpose that the old file does not have: no old decision covers it. */
    private boolean fresh(String purposeId) {
        return o.purpose(purposeId).isEmpty() && n.purpose(purposeId).map(Purpose::requiresConsent).orElse(false);
    }

    private void purposes() {
        for (Purpose now : n.purposes()) {
            Purpose before = o.purpose(now.id()).orElse(null);
            if (before == null) {
                add(item("purposes", now.id()), DiffRule.PURPOSE_ADDED, now.requiresConsent()
                        ? "new consent-based purpose '" + now.id() + "': asked for on its own, earlier decisions do not cover it"
                        : "new purpose '" + now.id() + "' resting on " + now.legalBasis());
            } else {
                purpose(before, now);
            }
        }
        removed("purposes", "purpose", o.purposes(), n.purposes(), Purpose::id, DiffRule.PURPOSE_REMOVED);
        order("purposes", o.purposes(), n.purposes(), Purpose::id);
    }

    private void purpose(Purpose before, Purpose now) {
        String id = now.id();
        String path = item("purposes", id);
        boolean consent = before.requiresConsent() && now.requiresConsent();
        text(path + ".title", before.title(), now.title());
        text(path + ".description", before.description(), now.description());
        if (before.legalBasis() != now.legalBasis()) {
            if (now.requiresConsent()) {
                add(path + ".legalBasis", DiffRule.LEGAL_BASIS_CHANGED_TO_CONSENT, "purpose '" + id + "' now rests on consent instead of "
                        + before.legalBasis() + ": no visitor has agreed to it, and earlier decisions may record it as allowed");
            } else {
                add(path + ".legalBasis", DiffRule.PURPOSE_CHANGED, "legal basis of purpose '" + id + "' changed from "
                        + before.legalBasis() + " to " + now.legalBasis() + (before.requiresConsent() ? ": it is no longer asked for" : ""));
            }
        }
        if (!before.category().equals(now.category())) {
            add(path + ".category", consent ? DiffRule.CONSENT_PURPOSE_MOVED : DiffRule.PURPOSE_CHANGED,
                    "purpose '" + id + "' moved from category '" + before.category() + "' to '" + now.category() + "'"
                            + (consent ? ": visitors agreed to it as part of '" + before.category() + "'" : " (it is not asked for)"));
        }
        if (!before.retention().iso().equals(now.retention().iso())) {
            int cmp = now.retention().compareTo(before.retention());
            String how = cmp > 0 ? "lengthened" : cmp < 0 ? "shortened" : "rewritten";
            add(path + ".retention", consent && cmp > 0 ? DiffRule.CONSENT_RETENTION_LENGTHENED : DiffRule.PURPOSE_CHANGED,
                    "retention of purpose '" + id + "' " + how + " from " + before.retention() + " to " + now.retention()
                            + (consent && cmp > 0 ? ": earlier grants would keep data longer than agreed" : ""));
        }
        members(path + ".dataCategories", "data category", id, consent, before.dataCategories(), now.dataCategories(),
                DiffRule.CONSENT_DATA_CATEGORY_ADDED, DiffRule.DATA_CATEGORY_ADDED, DiffRule.DATA_CATEGORY_REMOVED);
        members(path + ".channels", "collection channel", id, consent, before.channels(), now.channels(),
                DiffRule.CONSENT_CHANNEL_ADDED, DiffRule.CHANNEL_ADDED, DiffRule.CHANNEL_REMOVED);
        if (before.gpcOptOut() != now.gpcOptOut()) {
            if (before.gpcOptOut() && consent) {
                add(path + ".gpcOptOut", DiffRule.GPC_OPT_OUT_REMOVED, "purpose '" + id
                        + "' is no longer denied by Global Privacy Control: grants the signal overrode would now apply");
            } else {
                add(path + ".gpcOptOut", DiffRule.PURPOSE_CHANGED, "purpose '" + id + "' is "
                        + (now.gpcOptOut() ? "now" : "no longer") + " denied by Global Privacy Control");
            }
        }
    }

    private void members(String path, String kind, String purposeId, boolean consent, List<String> before, List<String> now,
                         DiffRule consentAdded, DiffRule added, DiffRule removed) {
        for (String id : now) {
            if (!before.contains(id)) {
                add(item(path, id), consent ? consentAdded : added, kind + " '" + id + "' added to "
                        + (consent ? "consent-based purpose '" + purposeId + "': earlier grants of it would cover it"
                        : "purpose '" + purposeId + "', which is not asked for"));
            }
        }
        for (String id : before) {
            if (!now.contains(id)) {
                add(item(path, id), removed, kind + " '" + id + "' removed from purpose '" + purposeId + "'");
            }
        }
    }

    // --- services and cookies -------------------------------------------------------------------

    private void services() {
        Map<String, Service> old = byId(o.services(), Service::id);
        for (Service now : n.services()) {
            Service before = old.get(now.id());
            if (before == null) {
                addedService(now);
            } else {
                service(before, now);
            }
        }
        removed("services", "service", o.services(), n.services(), Service::id, DiffRule.SERVICE_REMOVED);
        order("services", o.services(), n.services(), Service::id);
    }

    /** The fresh consent-based purposes of a service: while it has any, no old decision allows it. */
    private List<String> blockers(Service service) {
        return service.purposes().stream().filter(this::fresh).toList();
    }

    /** The grantable purposes of a service that old decisions can allow (empty if a fresh purpose blocks it). */
    private List<String> grants(Service service) {
        return blockers(service).isEmpty() ? service.purposes().stream().filter(this::grantable).toList() : List.of();
    }

    private String notAllowed(Service service) {
        List<String> blockers = blockers(service);
        return blockers.isEmpty() ? " (it serves no consent-based purpose earlier decisions cover)"
                : " (earlier decisions do not allow it: it also serves new consent-based " + plural("purpose", blockers) + ")";
    }

    private void addedService(Service now) {
        String path = item("services", now.id());
        List<String> grants = grants(now);
        String cookies = now.cookies().isEmpty() ? "" : ", with " + plural("cookie", now.cookies().stream().map(CookieDeclaration::name).toList());
        if (!grants.isEmpty()) {
            add(path, DiffRule.CONSENT_SERVICE_ADDED, "new service '" + now.name() + "'" + cookies + " serves consent-based "
                    + plural("purpose", grants) + ": earlier grants would allow it");
        } else {
            add(path, DiffRule.SERVICE_ADDED, "new service '" + now.name() + "'" + cookies + notAllowed(now));
        }
    }

    private void service(Service before, Service now) {
        String path = item("services", now.id());
        List<String> grants = grants(now);
        boolean consent = !grants.isEmpty();
        value(path + ".name", DiffRule.TEXT_CHANGED, before.name(), now.name());
        text(path + ".description", before.description(), now.description());

        Set<String> gateBefore = gate(o, before);
        Set<String> gateNow = gate(n, now);
        boolean covered = blockers(now).isEmpty();
        for (String id : now.purposes()) {
            if (!before.purposes().contains(id)) {
                boolean widens = covered && grantable(id);
                add(item(path + ".purposes", id), widens ? DiffRule.CONSENT_SERVICE_ADDED : DiffRule.SERVICE_CHANGED,
                        "service '" + now.name() + "' now serves " + (widens
                                ? "consent-based purpose '" + id + "': earlier grants of it would cover the service"
                                : "purpose '" + id + "'" + (fresh(id) ? ", which is new and asked for on its own" : "")));
            }
        }
        for (String id : gateBefore) {
            if (!gateNow.contains(id)) {
                boolean relaxed = covered && !gateNow.isEmpty();
                String why = !now.purposes().contains(id) ? "no longer serves purpose '" + id + "'"
                        : "serves purpose '" + id + "', which no longer rests on consent";
                add(item(path + ".purposes", id), relaxed ? DiffRule.CONSENT_SERVICE_GATE_RELAXED : DiffRule.SERVICE_CHANGED,
                        "service '" + now.name() + "' " + why + (relaxed
                                ? ": a grant of " + String.join(", ", gateNow) + " alone would now allow it"
                                : gateNow.isEmpty() ? ": it no longer needs consent" : ""));
            }
        }
        for (String id : before.purposes()) {
            if (!now.purposes().contains(id) && !gateBefore.contains(id)) {
                add(item(path + ".purposes", id), DiffRule.SERVICE_CHANGED, "service '" + now.name() + "' no longer serves purpose '" + id + "'");
            }
        }

        Provider pb = before.provider();
        Provider pn = now.provider();
        if (!pb.name().equals(pn.name()) || !Objects.equals(pb.country(), pn.country())) {
            add(path + ".provider", consent ? DiffRule.CONSENT_PROVIDER_CHANGED : DiffRule.SERVICE_CHANGED,
                    "provider of service '" + now.name() + "' changed from " + provider(pb) + " to " + provider(pn)
                            + (consent ? ": earlier grants of " + String.join(", ", grants) + " would cover the new provider" : notAllowed(now)));
        }
        value(path + ".provider.privacyPolicyUrl", DiffRule.SERVICE_CHANGED, pb.privacyPolicyUrl(), pn.privacyPolicyUrl());
        for (ConsentModeType type : now.consentModeTypes()) {
            if (!before.consentModeTypes().contains(type)) {
                add(item(path + ".consentModeTypes", type.id()), consent ? DiffRule.CONSENT_MODE_TYPE_ADDED : DiffRule.SERVICE_CHANGED,
                        "service '" + now.name() + "' now depends on consent mode type " + type.id()
                                + (consent ? ": earlier grants would grant it" : notAllowed(now)));
            }
        }
        for (ConsentModeType type : before.consentModeTypes()) {
            if (!now.consentModeTypes().contains(type)) {
                add(item(path + ".consentModeTypes", type.id()), DiffRule.SERVICE_CHANGED,
                        "service '" + now.name() + "' no longer depends on consent mode type " + type.id());
            }
        }
        hosts(path, before, now, consent ? grants : null);
        if (before.illustrative() != now.illustrative()) {
            add(path + ".illustrative", DiffRule.SERVICE_CHANGED, "service '" + now.name() + "' is "
                    + (now.illustrative() ? "now" : "no longer") + " marked as an example");
        }
        cookies(path, before, now, consent ? grants : null);
    }

    private static Set<String> gate(ConsentPolicy policy, Service service) {
        return service.purposes().stream()
                .filter(id -> policy.purpose(id).map(Purpose::requiresConsent).orElse(false))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static String provider(Provider p) {
        return "'" + p.name() + "'" + (p.country() == null ? "" : " (" + p.country() + ")");
    }

    /** @param grants the grantable purposes that allow the service, or {@code null} if no old decision does */
    private void hosts(String servicePath, Service before, Service now, List<String> grants) {
        for (String host : now.hosts()) {
            if (!before.hosts().contains(host)) {
                add(item(servicePath + ".hosts", host), grants != null ? DiffRule.CONSENT_HOST_ADDED : DiffRule.HOST_ADDED,
                        "service '" + now.name() + "' now contacts host '" + host + "'" + (grants != null
                                ? ", and serves consent-based " + plural("purpose", grants) + ": earlier grants would allow requests to it"
                                : notAllowed(now)));
            }
        }
        for (String host : before.hosts()) {
            if (!now.hosts().contains(host)) {
                add(item(servicePath + ".hosts", host), DiffRule.HOST_REMOVED, "service '" + now.name() + "' no longer contacts host '" + host + "'");
            }
        }
        order(servicePath + ".hosts", before.hosts(), now.hosts(), h -> h);
    }

    /** A declaration's key within its service: the name of a cookie, {@code localStorage:name} for a storage key. */
    private static String key(CookieDeclaration c) {
        return c.isCookie() ? c.name() : c.storage().id() + ":" + c.name();
    }

    /** How a message names a declaration: {@code cookie '_ga'}, {@code localStorage key 'ajs_user_id'}. */
    private static String what(CookieDeclaration c) {
        return (c.isCookie() ? "cookie" : c.storage().id() + " key") + " '" + c.name() + "'";
    }

    /** @param grants the grantable purposes that allow the service, or {@code null} if no old decision does */
    private void cookies(String servicePath, Service before, Service now, List<String> grants) {
        boolean consent = grants != null;
        Map<String, CookieDeclaration> old = byId(before.cookies(), PolicyDiffer::key);
        for (CookieDeclaration cookie : now.cookies()) {
            String path = item(servicePath + ".cookies", key(cookie));
            CookieDeclaration was = old.get(key(cookie));
            if (was == null) {
                add(path, consent ? DiffRule.CONSENT_COOKIE_ADDED : DiffRule.COOKIE_ADDED, what(cookie)
                        + " added to service '" + now.name() + "'" + (consent ? ", which serves consent-based "
                        + plural("purpose", grants) + ": earlier grants would allow it" : notAllowed(now)));
                continue;
            }
            if (!was.duration().iso().equals(cookie.duration().iso())) {
                int cmp = cookie.duration().compareTo(was.duration());
                String how = cmp > 0 ? "lengthened" : cmp < 0 ? "shortened" : "rewritten";
                add(path + ".duration", consent && cmp > 0 ? DiffRule.CONSENT_COOKIE_LENGTHENED : DiffRule.COOKIE_CHANGED,
                        "duration of " + what(cookie) + " " + how + " from " + was.duration() + " to " + cookie.duration()
                                + (consent && cmp > 0 ? ": earlier grants would let it live longer than agreed" : ""));
            }
            if (was.party() != cookie.party() || !Objects.equals(was.domain(), cookie.domain())) {
                boolean newThirdParty = cookie.party() == CookieParty.THIRD
                        && (was.party() != CookieParty.THIRD || !Objects.equals(was.domain(), cookie.domain()));
                add(path + (was.party() != cookie.party() ? ".party" : ".domain"),
                        consent && newThirdParty ? DiffRule.CONSENT_COOKIE_THIRD_PARTY : DiffRule.COOKIE_CHANGED,
                        what(cookie) + " changed from " + party(was) + " to " + party(cookie)
                                + (consent && newThirdParty ? ": earlier grants would let another party read it" : ""));
            }
            text(path + ".description", was.description(), cookie.description());
        }
        for (CookieDeclaration cookie : before.cookies()) {
            if (now.cookies().stream().noneMatch(c -> key(c).equals(key(cookie)))) {
                add(item(servicePath + ".cookies", key(cookie)), DiffRule.COOKIE_REMOVED,
                        what(cookie) + " removed from service '" + now.name() + "'");
            }
        }
        order(servicePath + ".cookies", before.cookies(), now.cookies(), PolicyDiffer::key);
    }

    private static String party(CookieDeclaration cookie) {
        return cookie.party() + " party" + (cookie.domain() == null ? "" : " (" + cookie.domain() + ")");
    }

    // --- processors -----------------------------------------------------------------------------

    /** The purposes a processor processes data for: those listed, or every purpose of the policy if none is. */
    private static Set<String> applies(ConsentPolicy policy, Processor processor) {
        Collection<String> ids = processor.purposes().isEmpty()
                ? policy.purposes().stream().map(Purpose::id).toList() : processor.purposes();
        return new LinkedHashSet<>(ids);
    }

    private List<String> grantable(Collection<String> purposeIds) {
        return purposeIds.stream().filter(this::grantable).toList();
    }

    private void processors() {
        Map<String, Processor> old = byId(o.processors(), Processor::id);
        for (Processor now : n.processors()) {
            String path = item("processors", now.id());
            String name = "'" + now.name().get(n.defaultLocale()) + "'";
            String scope = now.purposes().isEmpty() ? " (it serves all purposes)" : "";
            Processor before = old.get(now.id());
            if (before == null) {
                List<String> grants = grantable(applies(n, now));
                add(path, grants.isEmpty() ? DiffRule.PROCESSOR_ADDED : DiffRule.CONSENT_PROCESSOR_ADDED,
                        "new processor " + name + scope + (grants.isEmpty() ? " processes data for no consent-based purpose"
                                + " earlier decisions cover" : " processes data for consent-based " + plural("purpose", grants)
                                + ": earlier grants would cover it"));
                continue;
            }
            text(path + ".name", before.name(), now.name());
            text(path + ".description", before.description(), now.description());
            Set<String> wider = applies(n, now);
            wider.removeAll(applies(o, before));
            List<String> widened = grantable(wider);
            if (!widened.isEmpty()) {
                add(path + ".purposes", DiffRule.CONSENT_PROCESSOR_ADDED, "processor " + name + " now also processes data for consent-based "
                        + plural("purpose", widened) + scope + ": earlier grants would cover it");
            } else if (!before.purposes().equals(now.purposes())) {
                add(path + ".purposes", DiffRule.PROCESSOR_CHANGED, "purposes of processor " + name + " changed from "
                        + scopeOf(before) + " to " + scopeOf(now));
            }
            if (!Objects.equals(before.location(), now.location())) {
                List<String> grants = grantable(applies(n, now));
                add(path + ".location", grants.isEmpty() ? DiffRule.PROCESSOR_CHANGED : DiffRule.CONSENT_PROCESSOR_LOCATION_CHANGED,
                        "processor " + name + " moved from " + before.location() + " to " + now.location()
                                + (grants.isEmpty() ? "" : ": earlier grants of " + String.join(", ", grants) + " would cover the new location"));
            }
        }
        removed("processors", "processor", o.processors(), n.processors(), Processor::id, DiffRule.PROCESSOR_REMOVED);
        order("processors", o.processors(), n.processors(), Processor::id);
    }

    private static String scopeOf(Processor processor) {
        return processor.purposes().isEmpty() ? "all purposes" : processor.purposes().toString();
    }

    // --- helpers --------------------------------------------------------------------------------

    private static String item(String list, String id) {
        return list + "[" + id + "]";
    }

    private static String plural(String noun, List<String> ids) {
        return noun + (ids.size() == 1 ? " " : "s ") + ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", "));
    }

    private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        Map<String, T> map = new LinkedHashMap<>();
        items.forEach(item -> map.putIfAbsent(id.apply(item), item));
        return map;
    }

    private <T> void removed(String list, String kind, List<T> olds, List<T> news, Function<T, String> id, DiffRule rule) {
        Set<String> kept = news.stream().map(id).collect(Collectors.toSet());
        for (T before : olds) {
            if (!kept.contains(id.apply(before))) {
                add(item(list, id.apply(before)), rule, kind + " '" + id.apply(before) + "' removed");
            }
        }
    }

    private <T> void order(String list, List<T> olds, List<T> news, Function<T, String> id) {
        Set<String> oldIds = olds.stream().map(id).collect(Collectors.toSet());
        Set<String> newIds = news.stream().map(id).collect(Collectors.toSet());
        List<String> before = olds.stream().map(id).filter(newIds::contains).toList();
        List<String> now = news.stream().map(id).filter(oldIds::contains).toList();
        if (!before.equals(now)) {
            add(list, DiffRule.ORDER_CHANGED, "order changed from " + before + " to " + now);
        }
    }

    private void value(String path, DiffRule rule, String before, String now) {
        if (!Objects.equals(before, now)) {
            add(path, rule, before == null ? "set to '" + now + "'" : now == null ? "'" + before + "' removed"
                    : "changed from '" + before + "' to '" + now + "'");
        }
    }

    private static String change(String what, List<?> before, List<?> now) {
        List<Object> added = new ArrayList<>(now);
        added.removeAll(before);
        List<Object> removed = new ArrayList<>(before);
        removed.removeAll(now);
        if (added.isEmpty() && removed.isEmpty()) {
            return what + " reordered from " + before + " to " + now;
        }
        return what + (added.isEmpty() ? "" : " added: " + added) + (added.isEmpty() || removed.isEmpty() ? "" : ";")
                + (removed.isEmpty() ? "" : " removed: " + removed);
    }

    private void text(String path, LocalizedText before, LocalizedText now) {
        if (!sameText(before, now)) {
            add(path, DiffRule.TEXT_CHANGED, textChange(before, now));
        }
    }

    private static boolean sameText(LocalizedText a, LocalizedText b) {
        return Objects.equals(a.universal(), b.universal()) && a.values().equals(b.values());
    }

    private String textChange(LocalizedText before, LocalizedText now) {
        if (before.isEmpty()) {
            return "text added";
        }
        if (now.isEmpty()) {
            return "text removed";
        }
        List<String> changed = tags.stream().filter(tag -> !before.find(tag).equals(now.find(tag))).toList();
        return changed.isEmpty() ? "text rewritten" : "text changed (" + String.join(", ", changed) + ")";
    }
}
