package dev.samtykke.core.diff;

import dev.samtykke.core.diff.Differences.Change;
import dev.samtykke.core.policy.ConsentModeType;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.CookieDeclaration;
import dev.samtykke.core.policy.CookieParty;
import dev.samtykke.core.policy.Provider;
import dev.samtykke.core.policy.Service;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static dev.samtykke.core.diff.Differences.byId;
import static dev.samtykke.core.diff.Differences.how;
import static dev.samtykke.core.diff.Differences.item;
import static dev.samtykke.core.diff.Differences.plural;

/**
 * Compares the services of two policies, with their purposes, provider, consent mode types, hosts and cookies.
 * A change widens what a visitor agreed to (a {@code consent-…} rule) when old decisions allow the service, that
 * is when it has {@linkplain GrantCoverage#grants grants} that carry over.
 */
final class ServiceDiffer {

    private final ConsentPolicy oldPolicy;
    private final ConsentPolicy newPolicy;
    private final GrantCoverage coverage;
    private final Differences out;

    ServiceDiffer(ConsentPolicy oldPolicy, ConsentPolicy newPolicy, GrantCoverage coverage, Differences out) {
        this.oldPolicy = oldPolicy;
        this.newPolicy = newPolicy;
        this.coverage = coverage;
        this.out = out;
    }

    void services() {
        Map<String, Service> befores = byId(oldPolicy.services(), Service::id);
        for (Service after : newPolicy.services()) {
            Service before = befores.get(after.id());
            if (before == null) {
                out.add(item("services", after.id()), added(after));
            } else {
                service(before, after);
            }
        }
        out.removed("services", "service", oldPolicy.services(), newPolicy.services(), Service::id, DiffRule.SERVICE_REMOVED);
        out.order("services", oldPolicy.services(), newPolicy.services(), Service::id);
    }

    /**
     * The one decision most service changes take: {@code widening}, {@code what} and {@code consequence} when old
     * decisions allow the service (through {@code grants}); else {@code otherwise}, {@code what} and why none does.
     */
    private Change byGrants(Service after, List<String> grants, String what, DiffRule widening, String consequence,
                            DiffRule otherwise) {
        return grants.isEmpty() ? new Change(otherwise, what + coverage.notAllowed(after))
                : new Change(widening, what + consequence);
    }

    private Change added(Service after) {
        String cookies = after.cookies().isEmpty() ? ""
                : ", with " + plural("cookie", after.cookies().stream().map(CookieDeclaration::name).toList());
        List<String> grants = coverage.grants(after);
        return byGrants(after, grants, "new service '" + after.name() + "'" + cookies, DiffRule.CONSENT_SERVICE_ADDED,
                " serves consent-based " + plural("purpose", grants) + ": earlier grants would allow it",
                DiffRule.SERVICE_ADDED);
    }

    private void service(Service before, Service after) {
        String path = item("services", after.id());
        List<String> grants = coverage.grants(after);
        out.value(path + ".name", DiffRule.TEXT_CHANGED, before.name(), after.name());
        out.text(path + ".description", before.description(), after.description());
        purposes(path, before, after);

        Provider providerBefore = before.provider();
        Provider providerAfter = after.provider();
        if (!providerBefore.name().equals(providerAfter.name()) || !Objects.equals(providerBefore.country(), providerAfter.country())) {
            out.add(path + ".provider", byGrants(after, grants, "provider of service '" + after.name() + "' changed from "
                            + provider(providerBefore) + " to " + provider(providerAfter), DiffRule.CONSENT_PROVIDER_CHANGED,
                    ": earlier grants of " + String.join(", ", grants) + " would cover the new provider", DiffRule.SERVICE_CHANGED));
        }
        out.value(path + ".provider.privacyPolicyUrl", DiffRule.SERVICE_CHANGED, providerBefore.privacyPolicyUrl(),
                providerAfter.privacyPolicyUrl());
        for (ConsentModeType type : after.consentModeTypes()) {
            if (!before.consentModeTypes().contains(type)) {
                out.add(item(path + ".consentModeTypes", type.id()), byGrants(after, grants, "service '" + after.name()
                                + "' now depends on consent mode type " + type.id(), DiffRule.CONSENT_MODE_TYPE_ADDED,
                        ": earlier grants would grant it", DiffRule.SERVICE_CHANGED));
            }
        }
        for (ConsentModeType type : before.consentModeTypes()) {
            if (!after.consentModeTypes().contains(type)) {
                out.add(item(path + ".consentModeTypes", type.id()), DiffRule.SERVICE_CHANGED,
                        "service '" + after.name() + "' no longer depends on consent mode type " + type.id());
            }
        }
        hosts(path, before, after, grants);
        if (before.illustrative() != after.illustrative()) {
            out.add(path + ".illustrative", DiffRule.SERVICE_CHANGED, "service '" + after.name() + "' is "
                    + (after.illustrative() ? "now" : "no longer") + " marked as an example");
        }
        cookies(path, before, after, grants);
    }

    /** The purposes a service serves, and the grants it needs (its purposes that rest on consent). */
    private void purposes(String path, Service before, Service after) {
        Set<String> gateBefore = coverage.gateBefore(before);
        Set<String> gateAfter = coverage.gateAfter(after);
        boolean allowable = coverage.blockers(after).isEmpty();
        for (String id : after.purposes()) {
            if (!before.purposes().contains(id)) {
                out.add(item(path + ".purposes", id), purposeAdded(after, id, allowable));
            }
        }
        for (String id : gateBefore) {
            if (!gateAfter.contains(id)) {
                out.add(item(path + ".purposes", id), gateLeft(after, id, gateAfter, allowable));
            }
        }
        for (String id : before.purposes()) {
            if (!after.purposes().contains(id) && !gateBefore.contains(id)) {
                out.add(item(path + ".purposes", id), DiffRule.SERVICE_CHANGED,
                        "service '" + after.name() + "' no longer serves purpose '" + id + "'");
            }
        }
    }

    /** @param allowable whether old decisions can allow the service (no fresh purpose blocks it) */
    private Change purposeAdded(Service after, String id, boolean allowable) {
        String serves = "service '" + after.name() + "' now serves ";
        if (allowable && coverage.grantable(id)) {
            return new Change(DiffRule.CONSENT_SERVICE_ADDED,
                    serves + "consent-based purpose '" + id + "': earlier grants of it would cover the service");
        }
        return new Change(DiffRule.SERVICE_CHANGED,
                serves + "purpose '" + id + "'" + (coverage.fresh(id) ? ", which is new and asked for on its own" : ""));
    }

    /** A purpose that the service no longer needs a grant of. */
    private Change gateLeft(Service after, String id, Set<String> gateAfter, boolean allowable) {
        String what = "service '" + after.name() + "' " + (after.purposes().contains(id)
                ? "serves purpose '" + id + "', which no longer rests on consent" : "no longer serves purpose '" + id + "'");
        if (allowable && !gateAfter.isEmpty()) {
            return new Change(DiffRule.CONSENT_SERVICE_GATE_RELAXED,
                    what + ": a grant of " + String.join(", ", gateAfter) + " alone would now allow it");
        }
        return new Change(DiffRule.SERVICE_CHANGED, what + (gateAfter.isEmpty() ? ": it no longer needs consent" : ""));
    }

    private static String provider(Provider p) {
        return "'" + p.name() + "'" + (p.country() == null ? "" : " (" + p.country() + ")");
    }

    /** @param grants the grantable purposes through which old decisions allow the service; empty if none does */
    private void hosts(String servicePath, Service before, Service after, List<String> grants) {
        for (String host : after.hosts()) {
            if (!before.hosts().contains(host)) {
                out.add(item(servicePath + ".hosts", host), byGrants(after, grants, "service '" + after.name()
                                + "' now contacts host '" + host + "'", DiffRule.CONSENT_HOST_ADDED,
                        ", and serves consent-based " + plural("purpose", grants) + ": earlier grants would allow requests to it",
                        DiffRule.HOST_ADDED));
            }
        }
        for (String host : before.hosts()) {
            if (!after.hosts().contains(host)) {
                out.add(item(servicePath + ".hosts", host), DiffRule.HOST_REMOVED,
                        "service '" + after.name() + "' no longer contacts host '" + host + "'");
            }
        }
        out.order(servicePath + ".hosts", before.hosts(), after.hosts(), h -> h);
    }

    /** A declaration's key within its service: the name of a cookie, {@code localStorage:name} for a storage key. */
    private static String key(CookieDeclaration c) {
        return c.isCookie() ? c.name() : c.storage().id() + ":" + c.name();
    }

    /** How a message names a declaration: {@code cookie '_ga'}, {@code localStorage key 'ajs_user_id'}. */
    private static String what(CookieDeclaration c) {
        return (c.isCookie() ? "cookie" : c.storage().id() + " key") + " '" + c.name() + "'";
    }

    /** @param grants the grantable purposes through which old decisions allow the service; empty if none does */
    private void cookies(String servicePath, Service before, Service after, List<String> grants) {
        Map<String, CookieDeclaration> befores = byId(before.cookies(), ServiceDiffer::key);
        for (CookieDeclaration cookie : after.cookies()) {
            String path = item(servicePath + ".cookies", key(cookie));
            CookieDeclaration was = befores.get(key(cookie));
            if (was == null) {
                out.add(path, byGrants(after, grants, what(cookie) + " added to service '" + after.name() + "'",
                        DiffRule.CONSENT_COOKIE_ADDED, ", which serves consent-based " + plural("purpose", grants)
                                + ": earlier grants would allow it", DiffRule.COOKIE_ADDED));
                continue;
            }
            if (!was.duration().iso().equals(cookie.duration().iso())) {
                out.add(path + ".duration", duration(was, cookie, !grants.isEmpty()));
            }
            if (was.party() != cookie.party() || !Objects.equals(was.domain(), cookie.domain())) {
                out.add(path + (was.party() != cookie.party() ? ".party" : ".domain"), party(was, cookie, !grants.isEmpty()));
            }
            out.text(path + ".description", was.description(), cookie.description());
        }
        for (CookieDeclaration cookie : before.cookies()) {
            if (after.cookies().stream().noneMatch(c -> key(c).equals(key(cookie)))) {
                out.add(item(servicePath + ".cookies", key(cookie)), DiffRule.COOKIE_REMOVED,
                        what(cookie) + " removed from service '" + after.name() + "'");
            }
        }
        out.order(servicePath + ".cookies", before.cookies(), after.cookies(), ServiceDiffer::key);
    }

    /** @param granted whether old decisions allow the cookie's service */
    private static Change duration(CookieDeclaration was, CookieDeclaration cookie, boolean granted) {
        int comparison = cookie.duration().compareTo(was.duration());
        String what = "duration of " + what(cookie) + " " + how(comparison) + " from " + was.duration() + " to " + cookie.duration();
        return granted && comparison > 0
                ? new Change(DiffRule.CONSENT_COOKIE_LENGTHENED, what + ": earlier grants would let it live longer than agreed")
                : new Change(DiffRule.COOKIE_CHANGED, what);
    }

    /** @param granted whether old decisions allow the cookie's service */
    private static Change party(CookieDeclaration was, CookieDeclaration cookie, boolean granted) {
        boolean newThirdParty = cookie.party() == CookieParty.THIRD
                && (was.party() != CookieParty.THIRD || !Objects.equals(was.domain(), cookie.domain()));
        String what = what(cookie) + " changed from " + party(was) + " to " + party(cookie);
        return granted && newThirdParty
                ? new Change(DiffRule.CONSENT_COOKIE_THIRD_PARTY, what + ": earlier grants would let another party read it")
                : new Change(DiffRule.COOKIE_CHANGED, what);
    }

    private static String party(CookieDeclaration cookie) {
        return cookie.party() + " party" + (cookie.domain() == null ? "" : " (" + cookie.domain() + ")");
    }
}
