package dev.samtykke.core.consent;

import dev.samtykke.core.policy.Category;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.CookieMatch;
import dev.samtykke.core.policy.Purpose;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a request may do: the result of {@link ConsentEvaluator#evaluate(ConsentDecision, boolean)}.
 * Immutable and thread-safe; every {@code allows…} question is answered from arrays prepared when the
 * evaluator was created.
 *
 * <p>{@link #granted()} and {@link #denied()} partition the policy's purposes: a purpose is granted
 * exactly when {@link #allows(String)} is true (so purposes that do not rest on consent are granted).
 */
public final class ConsentState {

    private final PolicyIndex index;
    private final boolean[] allowed;
    private final ConsentDecision decision;
    private final String subjectId;
    private final boolean gpc;
    private final boolean needsPrompt;
    /** The services refused beneath a purpose that asks per service, or {@code null} for none. */
    private final Set<String> refusedServices;
    /** Whether every purpose is allowed and no service refused. */
    private final boolean allowsEverything;

    ConsentState(PolicyIndex index, boolean[] allowed, ConsentDecision decision, String subjectId, boolean gpc,
                 boolean needsPrompt, Set<String> refusedServices) {
        this.index = index;
        this.allowed = allowed;
        this.decision = decision;
        this.subjectId = subjectId;
        this.gpc = gpc;
        this.needsPrompt = needsPrompt;
        this.refusedServices = refusedServices;
        this.allowsEverything = (refusedServices == null || refusedServices.isEmpty()) && allTrue(allowed);
    }

    private static boolean allTrue(boolean[] values) {
        for (boolean value : values) {
            if (!value) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether every purpose of the policy is allowed and no service refused, so that every declared cookie and
     * service is allowed (a quick answer for checks that would otherwise look at each cookie).
     *
     * @return true after an acceptance of everything (or for a policy with no consent-based purpose)
     */
    public boolean allowsEverything() {
        return allowsEverything;
    }

    /** Whether the purpose may be pursued; {@code false} for a purpose the policy does not declare. */
    public boolean allows(String purposeId) {
        int i = index.indexOf(purposeId);
        return i != PolicyIndex.MISSING && allowed[i];
    }

    /**
     * Whether the service may run: it is declared, every one of its purposes is allowed, and no purpose that asks
     * per service ({@code choicePerService}) has it refused.
     */
    public boolean allowsService(String serviceId) {
        return allowsAll(index.servicePurposes(serviceId)) && (refusedServices == null || !refusedServices.contains(serviceId));
    }

    /**
     * Whether the cookie may be set or kept: it is declared (by exact name or pattern) and every purpose
     * of the service declaring it is allowed. An undeclared cookie is not allowed.
     */
    public boolean allowsCookie(String cookieName) {
        CookieMatch match = index.policy.cookies().find(cookieName);
        return match != null && allowsService(match.service().id());
    }

    /**
     * Whether every consent-based purpose of the category is granted. The {@code necessary} category is
     * always allowed; an unknown category never.
     */
    public boolean allowsCategory(String categoryId) {
        if (Category.NECESSARY.equals(categoryId)) {
            return true;
        }
        return allowsAll(index.categoryConsentPurposes(categoryId));
    }

    private boolean allowsAll(int[] purposes) {
        if (purposes == null) {
            return false;
        }
        for (int i : purposes) {
            if (i == PolicyIndex.MISSING || !allowed[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the banner should ask: there is no decision that counts, or the decision does not cover a
     * consent-based purpose (after a MINOR policy change). Purposes answered by GPC are not asked for.
     */
    public boolean needsPrompt() {
        return needsPrompt;
    }

    /** Whether the request carried the Global Privacy Control signal. */
    public boolean gpc() {
        return gpc;
    }

    /** Every purpose {@link #allows(String)} allows, in policy order. */
    public Set<String> granted() {
        return purposes(true);
    }

    /** Every purpose {@link #allows(String)} denies, in policy order. */
    public Set<String> denied() {
        return purposes(false);
    }

    private Set<String> purposes(boolean wanted) {
        Set<String> result = new LinkedHashSet<>();
        Purpose[] purposes = index.purposes;
        for (int i = 0; i < purposes.length; i++) {
            if (allowed[i] == wanted) {
                result.add(purposes[i].id());
            }
        }
        return Collections.unmodifiableSet(result);
    }

    /** The decision this state rests on, if one counts (right policy, same MAJOR version, not expired). */
    public Optional<ConsentDecision> decision() {
        return Optional.ofNullable(decision);
    }

    /**
     * The visitor's subject id: that of the decision given to the evaluator, even when that decision no
     * longer counts (so a new decision keeps the visitor's history together); empty without a decision.
     */
    public Optional<String> subjectId() {
        return Optional.ofNullable(subjectId);
    }

    /** The policy the state was evaluated against. */
    public ConsentPolicy policy() {
        return index.policy;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof ConsentState s && index.policy.equals(s.index.policy) && Arrays.equals(allowed, s.allowed)
                && Objects.equals(decision, s.decision) && Objects.equals(subjectId, s.subjectId)
                && gpc == s.gpc && needsPrompt == s.needsPrompt && Objects.equals(refusedServices, s.refusedServices);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index.policy.id(), Arrays.hashCode(allowed), decision, gpc, needsPrompt);
    }

    /** Lists the granted purposes and the flags; never the subject id. */
    @Override
    public String toString() {
        return "ConsentState[" + index.policy.id() + " " + index.policy.version() + ", granted=" + granted()
                + ", needsPrompt=" + needsPrompt + ", gpc=" + gpc + ", decided=" + (decision != null) + "]";
    }
}
