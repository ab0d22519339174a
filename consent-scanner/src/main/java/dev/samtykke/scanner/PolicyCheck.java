package dev.samtykke.scanner;

import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.CookieDeclaration;
import dev.samtykke.core.policy.CookieMatch;
import dev.samtykke.core.policy.Purpose;
import dev.samtykke.core.policy.Service;
import dev.samtykke.core.policy.StorageKind;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares what the browser held and requested with the policy. Each finding is reported once, for the
 * first page (in crawl order) and state it was seen in: an {@code undeclared} item once (per name and
 * where it is kept), a
 * {@code before-consent} / {@code after-reject} item once per state, a host once per state.
 *
 * <p>A service is <em>allowed without a decision</em> when none of its purposes rests on consent.
 * After "Accept all" every service is allowed, so only {@code undeclared} items are reported there.
 */
public final class PolicyCheck {

    private final ConsentPolicy policy;
    private final Map<String, Finding> findings = new LinkedHashMap<>();
    private final List<Map.Entry<StorageKind, String>> undeclared = new ArrayList<>();
    private final Set<CookieDeclaration> used = Collections.newSetFromMap(new IdentityHashMap<>());

    private PolicyCheck(ConsentPolicy policy) {
        this.policy = policy;
    }

    /**
     * The findings of a scan, errors first in the order seen, then the {@code unused} warnings in policy order.
     *
     * @param policy the policy the site claims to follow
     * @param visits every visit, in crawl order
     * @return the findings
     */
    public static List<Finding> compare(ConsentPolicy policy, List<PageVisit> visits) {
        return run(policy, visits).findings();
    }

    /** The check, run: its findings and its undeclared items. */
    static PolicyCheck run(ConsentPolicy policy, List<PageVisit> visits) {
        PolicyCheck check = new PolicyCheck(policy);
        List<PageVisit> ordered = new ArrayList<>(visits);
        ordered.sort(Comparator.comparing(PageVisit::state)); // stable: crawl order within a state
        ordered.forEach(check::visit);
        check.unused(visits);
        return check;
    }

    List<Finding> findings() {
        return List.copyOf(findings.values());
    }

    /** The undeclared items, in the order of their findings: where each is kept, and its name. */
    List<Map.Entry<StorageKind, String>> undeclared() {
        return List.copyOf(undeclared);
    }

    private void visit(PageVisit v) {
        for (SeenCookie cookie : v.cookies()) {
            CookieMatch match = policy.cookies().find(cookie.name());
            String what = "cookie '" + cookie.name() + "' (" + cookie.domain() + (cookie.httpOnly() ? ", HttpOnly" : "") + ")";
            item(v, StorageKind.COOKIE, cookie.name(), what, match == null ? null : match.declaration(), match == null ? null : match.service());
        }
        storage(v, StorageKind.LOCAL_STORAGE, v.localStorage());
        storage(v, StorageKind.SESSION_STORAGE, v.sessionStorage());
        if (v.state() != VisitState.ACCEPTED) {
            for (String host : v.hosts().stream().sorted().toList()) {
                List<Service> services = policy.services().stream().filter(s -> s.matchesHost(host)).toList();
                if (!services.isEmpty() && services.stream().noneMatch(this::allowedWithoutDecision)) {
                    add(new Finding(FindingKind.REQUEST_BEFORE_CONSENT, host, v.url(), v.state(), "request to host '" + host
                            + "' of " + names(services) + " " + when(v.state()) + ", which needs consent to "
                            + String.join(", ", consentPurposes(services.get(0)))));
                }
            }
        }
    }

    private void storage(PageVisit v, StorageKind kind, List<String> keys) {
        for (String key : keys) {
            CookieDeclaration declaration = null;
            Service owner = null;
            for (Service s : policy.services()) {
                for (CookieDeclaration c : s.cookies()) {
                    if (c.storage() == kind && c.matches(key) && better(c, declaration)) {
                        declaration = c;
                        owner = s;
                    }
                }
            }
            item(v, kind, key, kind.id() + " key '" + key + "'", declaration, owner);
        }
    }

    /** As for cookies: an exact declaration wins over a pattern, a longer prefix over a shorter one. */
    private static boolean better(CookieDeclaration candidate, CookieDeclaration current) {
        return current == null || current.isPattern() && (!candidate.isPattern() || candidate.prefix().length() > current.prefix().length());
    }

    private void item(PageVisit v, StorageKind storage, String name, String what, CookieDeclaration declaration, Service service) {
        if (declaration == null) {
            if (findings.putIfAbsent(FindingKind.UNDECLARED + "|" + storage + "|" + name, new Finding(FindingKind.UNDECLARED,
                    name, v.url(), v.state(), what + " matches no declaration of the policy")) == null) {
                undeclared.add(Map.entry(storage, name));
            }
            return;
        }
        used.add(declaration);
        if (v.state() == VisitState.ACCEPTED || allowedWithoutDecision(service)) {
            return;
        }
        FindingKind kind = v.state() == VisitState.NONE ? FindingKind.BEFORE_CONSENT : FindingKind.AFTER_REJECT;
        add(new Finding(kind, name, v.url(), v.state(), what + " of service '" + service.name() + "' present "
                + when(v.state()) + ", though it needs consent to " + String.join(", ", consentPurposes(service))));
    }

    private void unused(List<PageVisit> visits) {
        if (visits.stream().noneMatch(v -> v.state() == VisitState.ACCEPTED && v.error() == null)) {
            return; // nothing was seen after "Accept all": no basis to call a declaration unused
        }
        for (Service s : policy.services()) {
            for (CookieDeclaration c : s.cookies()) {
                if (!used.contains(c)) {
                    String what = c.isCookie() ? "cookie" : c.storage().id() + " key";
                    add(new Finding(FindingKind.UNUSED, c.name(), null, VisitState.ACCEPTED, what + " '" + c.name()
                            + "' of service '" + s.name() + "' was not seen on any crawled page, even after \"Accept all\""
                            + " (the policy may be stale, or the page that sets it was not crawled)"));
                }
            }
        }
    }

    private void add(Finding f) {
        findings.putIfAbsent(f.kind() + "|" + f.name() + "|" + f.state(), f);
    }

    private boolean allowedWithoutDecision(Service s) {
        return consentPurposes(s).isEmpty();
    }

    private List<String> consentPurposes(Service s) {
        return s.purposes().stream().filter(id -> policy.purpose(id).map(Purpose::requiresConsent).orElse(false)).toList();
    }

    private static String names(List<Service> services) {
        return "service " + String.join(", ", services.stream().map(s -> "'" + s.name() + "'").toList());
    }

    private static String when(VisitState state) {
        return state == VisitState.NONE ? "before any decision" : "after \"Reject all\"";
    }
}
