package dev.samtykke.core.diff;

import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.Processor;
import dev.samtykke.core.policy.Purpose;
import dev.samtykke.core.policy.Service;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.samtykke.core.diff.Differences.plural;

/**
 * What a decision under the old file covers in the new one: grants of the purposes that rest on consent there.
 *
 * <p>A purpose that rests on consent in both files is "grantable": old grants of it carry over. A consent-based
 * purpose that is new in the new file is "fresh": no old decision covers it, and a service that serves a fresh
 * purpose is never allowed by an old decision (a service needs <em>all</em> its purposes). A processor, unlike a
 * service, processes data for each of its purposes on its own, and one with no purposes listed serves all of them.
 */
final class GrantCoverage {

    private final ConsentPolicy oldPolicy;
    private final ConsentPolicy newPolicy;

    GrantCoverage(ConsentPolicy oldPolicy, ConsentPolicy newPolicy) {
        this.oldPolicy = oldPolicy;
        this.newPolicy = newPolicy;
    }

    /** Old grants of the purpose carry over: it rests on consent in both files. */
    boolean grantable(String purposeId) {
        return requiresConsent(oldPolicy, purposeId) && requiresConsent(newPolicy, purposeId);
    }

    /** The grantable purposes among these, in their order. */
    List<String> grantable(Collection<String> purposeIds) {
        return purposeIds.stream().filter(this::grantable).toList();
    }

    /** A consent-based purpose that the old file does not have: no old decision covers it. */
    boolean fresh(String purposeId) {
        return oldPolicy.purpose(purposeId).isEmpty() && requiresConsent(newPolicy, purposeId);
    }

    /** The fresh consent-based purposes of a (new file's) service: while it has any, no old decision allows it. */
    List<String> blockers(Service service) {
        return service.purposes().stream().filter(this::fresh).toList();
    }

    /**
     * The grantable purposes through which old decisions allow a (new file's) service; empty if none does, or if a
     * fresh purpose blocks it.
     */
    List<String> grants(Service service) {
        return blockers(service).isEmpty() ? grantable(service.purposes()) : List.of();
    }

    /** Why no old decision allows a service, as the end of a message (it starts with a space). */
    String notAllowed(Service service) {
        List<String> blockers = blockers(service);
        return blockers.isEmpty() ? " (it serves no consent-based purpose earlier decisions cover)"
                : " (earlier decisions do not allow it: it also serves new consent-based " + plural("purpose", blockers) + ")";
    }

    /** The purposes of an old file's service that rest on consent there: the grants it needed. */
    Set<String> gateBefore(Service service) {
        return gate(oldPolicy, service);
    }

    /** The purposes of a new file's service that rest on consent there: the grants it needs. */
    Set<String> gateAfter(Service service) {
        return gate(newPolicy, service);
    }

    /** The purposes an old file's processor processes data for: those listed, or every purpose if none is. */
    Set<String> processedBefore(Processor processor) {
        return processed(oldPolicy, processor);
    }

    /** The purposes a new file's processor processes data for: those listed, or every purpose if none is. */
    Set<String> processedAfter(Processor processor) {
        return processed(newPolicy, processor);
    }

    private static boolean requiresConsent(ConsentPolicy policy, String purposeId) {
        return policy.purpose(purposeId).map(Purpose::requiresConsent).orElse(false);
    }

    private static Set<String> gate(ConsentPolicy policy, Service service) {
        return service.purposes().stream().filter(id -> requiresConsent(policy, id))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Set<String> processed(ConsentPolicy policy, Processor processor) {
        Collection<String> ids = processor.purposes().isEmpty()
                ? policy.purposes().stream().map(Purpose::id).toList() : processor.purposes();
        return new LinkedHashSet<>(ids);
    }
}
