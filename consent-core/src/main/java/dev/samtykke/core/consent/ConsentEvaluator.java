package dev.samtykke.core.consent;

import dev.samtykke.core.internal.GrantLayout;
import dev.samtykke.core.internal.Grants;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.Purpose;
import dev.samtykke.core.policy.Service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import java.util.Objects;

/**
 * Applies a policy's rules to a visitor's decision and makes new decisions. Thread-safe and cheap to
 * call per request: the policy is indexed once, when the evaluator is created.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>Purposes that do not rest on consent (legitimate interest, contract, …) are always allowed, except an
 *       {@code objectable} legitimate-interest purpose the decision objects to (records as refused): that one is
 *       denied. An objectable purpose a decision does not cover is allowed and never makes the banner ask.</li>
 *   <li>Consent-based purposes are denied unless a decision that counts grants them (default deny).</li>
 *   <li>A decision counts only if it was given for this policy id, for the same MAJOR version, and has
 *       not expired; otherwise the state is as if there were none and the banner asks again.</li>
 *   <li>A decision for an older (or newer) MINOR version of the same MAJOR counts; a consent-based
 *       purpose it does not cover is denied and makes {@link ConsentState#needsPrompt()} true.</li>
 *   <li>Global Privacy Control denies every {@code gpcOptOut} purpose, even one the decision granted.
 *       A purpose GPC has answered is never asked for, so GPC alone prompts only when the policy has
 *       consent-based purposes without {@code gpcOptOut}.</li>
 *   <li>A new decision expires after the policy's {@code consentLifetime} if it only grants, after the
 *       {@code refusalLifetime} if it only refuses, and after the shorter of the two if it does both,
 *       so that neither a consent nor a refusal is kept longer than its own lifetime.</li>
 * </ul>
 */
public final class ConsentEvaluator {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    /** The ASCII characters a subject id may use: {@code A-Z a-z 0-9 _ . -}. */
    private static final boolean[] SUBJECT_CHARS = new boolean[128];

    static {
        for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-".toCharArray()) {
            SUBJECT_CHARS[c] = true;
        }
    }

    private final ConsentPolicy policy;
    private final Clock clock;
    private final PolicyIndex index;
    /** The bits of the last {@link GrantLayout} evaluated; a benign race, as the value is immutable. */
    private volatile LayoutBits layoutBits;
    /** The bits of no layout: -1 for every purpose and service choice, read with {@link Grants#NONE}. */
    private final int[] noBits;

    /**
     * Creates an evaluator for a policy.
     *
     * @param policy the current policy
     * @param clock the clock that decides expiry and stamps new decisions
     */
    public ConsentEvaluator(ConsentPolicy policy, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.index = new PolicyIndex(policy);
        this.noBits = new int[index.purposes.length + index.serviceChoiceKeys.length];
        Arrays.fill(noBits, -1);
    }

    /** The policy this evaluator applies. */
    public ConsentPolicy policy() {
        return policy;
    }

    /**
     * A new random pseudonymous subject id: 128 random bits, base64url without padding (22 characters).
     */
    public static String newSubjectId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    /**
     * Whether a text is acceptable as a subject id: 1 to 64 characters of {@code A-Z a-z 0-9 _ . -}.
     * The restriction keeps subject ids pseudonymous tokens (no e-mail addresses) that fit a cookie.
     */
    public static boolean isValidSubjectId(String subjectId) {
        if (subjectId == null || subjectId.isEmpty() || subjectId.length() > 64) {
            return false;
        }
        for (int i = 0; i < subjectId.length(); i++) {
            char c = subjectId.charAt(i);
            if (c >= 128 || !SUBJECT_CHARS[c]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The consent state of a request.
     *
     * @param decisionOrNull the visitor's decision (e.g. from the consent cookie), or {@code null}
     * @param gpc whether the request carries the Global Privacy Control signal
     * @return the state; never {@code null}
     */
    public ConsentState evaluate(ConsentDecision decisionOrNull, boolean gpc) {
        return evaluate(decisionOrNull, gpc, decisionOrNull == null ? 0 : clock.millis());
    }

    /**
     * The consent state of a request at the given time instead of the evaluator's clock: for a caller
     * that reads the clock once per request and uses that time for decoding the cookie
     * ({@code ConsentCookieCodec.decode(String, long)}) and for evaluating, as the consent filter does.
     *
     * @param decisionOrNull the visitor's decision (e.g. from the consent cookie), or {@code null}
     * @param gpc whether the request carries the Global Privacy Control signal
     * @param epochMillis the time, in milliseconds since the epoch (as {@link Clock#millis()} gives it)
     * @return the state; never {@code null}
     */
    public ConsentState evaluate(ConsentDecision decisionOrNull, boolean gpc, long epochMillis) {
        ConsentDecision counted = counts(decisionOrNull, epochMillis) ? decisionOrNull : null;
        Purpose[] purposes = index.purposes;
        boolean[] consent = index.requiresConsent;
        boolean[] gpcOptOut = index.gpcOptOut;
        boolean[] objectable = index.objectable;
        boolean[] allowed = new boolean[purposes.length];
        boolean prompt = false;
        Grants grants = counted == null ? Grants.NONE : counted.grantBits();
        int[] bits = counted == null ? noBits : bitsIn(grants.layout());
        for (int i = 0; i < purposes.length; i++) {
            if (gpc && gpcOptOut[i]) {
                continue; // denied by the signal, and answered: not asked for
            }
            if (!consent[i]) {
                allowed[i] = !objectable[i] || grants.stateOf(bits[i]) != Grants.REFUSED;
                continue;
            }
            int state = grants.stateOf(bits[i]);
            if (state == Grants.NOT_COVERED) {
                prompt = true; // default deny, and ask
            } else {
                allowed[i] = state == Grants.GRANTED;
            }
        }
        String subjectId = decisionOrNull == null ? null : decisionOrNull.subjectId();
        Set<String> refusedServices = index.serviceChoiceKeys.length == 0 || counted == null ? null
                : refusedServices(grants, bits); // only policies that ask per service pay for this
        return new ConsentState(index, allowed, counted, subjectId, gpc, prompt, refusedServices);
    }

    /** The services a decision refuses beneath a purpose that asks per service; {@code null} for none. */
    private Set<String> refusedServices(Grants grants, int[] bits) {
        Set<String> refused = null;
        int offset = index.purposes.length;
        for (int j = 0; j < index.serviceChoiceKeys.length; j++) {
            if (grants.stateOf(bits[offset + j]) == Grants.REFUSED) {
                if (refused == null) {
                    refused = new HashSet<>();
                }
                refused.add(index.serviceChoiceServices[j]);
            }
        }
        return refused;
    }

    /**
     * For each purpose of the policy, its bit in this layout (-1 if the layout lacks it). The last layout's
     * answer is kept: in practice the codec's layout is seen on nearly every request.
     */
    private int[] bitsIn(GrantLayout layout) {
        LayoutBits known = layoutBits;
        if (known == null || known.layout != layout) {
            known = indexLayout(layout); // rare: kept out of line
            layoutBits = known;
        }
        return known.bits;
    }

    private LayoutBits indexLayout(GrantLayout layout) {
        Purpose[] purposes = index.purposes;
        String[] choices = index.serviceChoiceKeys;
        int[] bits = new int[purposes.length + choices.length];
        for (int i = 0; i < purposes.length; i++) {
            bits[i] = layout.bitOf(purposes[i].id());
        }
        for (int j = 0; j < choices.length; j++) {
            bits[purposes.length + j] = layout.bitOf(choices[j]);
        }
        return new LayoutBits(layout, bits);
    }

    /** A layout and the bit of each purpose of the policy in it. */
    private record LayoutBits(GrantLayout layout, int[] bits) {
    }

    /** Whether a decision counts against the current policy now. */
    private boolean counts(ConsentDecision decision, long epochMillis) {
        return decision != null
                && decision.policyId().equals(policy.id())
                && decision.policyVersion().major() == policy.version().major()
                && isBefore(epochMillis, decision.expiresAt());
    }

    /** Whether the instant {@code epochMillis} lies before {@code instant}, without allocating or overflowing. */
    static boolean isBefore(long epochMillis, Instant instant) {
        long seconds = Math.floorDiv(epochMillis, 1000L);
        return seconds < instant.getEpochSecond()
                || (seconds == instant.getEpochSecond() && Math.floorMod(epochMillis, 1000L) * 1_000_000L < instant.getNano());
    }

    /**
     * A new decision from the visitor's choices, stamped now (whole seconds) and expiring by the lifetime
     * rule. Every decidable purpose of the policy is recorded: consent-based ones absent from {@code choices}
     * (or mapped to {@code null}) are refused; objectable ones absent are not objected to ({@code true}).
     *
     * @param subjectId the visitor's pseudonymous id (see {@link #isValidSubjectId(String)})
     * @param method how the decision was made
     * @param choices per consent-based purpose id, whether it is granted; per objectable purpose id,
     *        {@code false} to object to it
     * @return the decision
     * @throws UnknownPurposeException if a choice names a purpose the policy does not declare or one
     *         that neither rests on consent nor is objectable
     * @throws IllegalArgumentException if the subject id is not acceptable
     */
    public ConsentDecision decide(String subjectId, ConsentMethod method, Map<String, Boolean> choices) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(choices, "choices");
        requireSubjectId(subjectId);
        for (String purposeId : choices.keySet()) {
            if (purposeId != null && purposeId.indexOf('/') >= 0) {
                if (!policy.isDecisionKey(purposeId)) {
                    throw new UnknownPurposeException(purposeId, "unknown service choice '" + purposeId + "': policy '"
                            + policy.id() + "' asks per service for " + policy.decisionKeys().stream()
                            .filter(k -> k.indexOf('/') >= 0).toList());
                }
                continue;
            }
            Purpose purpose = purposeId == null ? null : policy.purpose(purposeId).orElse(null);
            if (purpose == null) {
                throw new UnknownPurposeException(purposeId, "unknown purpose '" + purposeId + "': policy '" + policy.id()
                        + "' declares " + policy.consentPurposes().stream().map(Purpose::id).toList());
            }
            if (!purpose.decidable()) {
                throw new UnknownPurposeException(purposeId, "purpose '" + purposeId + "' rests on " + purpose.legalBasis()
                        + ", not consent, and the policy does not mark it objectable: it cannot be granted, refused or objected to");
            }
        }
        Map<String, Boolean> consents = new LinkedHashMap<>();
        for (Purpose purpose : policy.consentPurposes()) {
            Boolean given = choices.get(purpose.id());
            if (given == null && purpose.choicePerService()) { // granted when one of its services is
                given = policy.servicesFor(purpose.id()).stream()
                        .anyMatch(s -> Boolean.TRUE.equals(choices.get(ConsentPolicy.serviceChoiceKey(purpose.id(), s.id()))));
            }
            consents.put(purpose.id(), Boolean.TRUE.equals(given));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = expiresAt(now, consents); // an objection is no consent or refusal: it sets no lifetime
        Map<String, Boolean> grants = new LinkedHashMap<>(consents);
        for (Purpose purpose : policy.decidablePurposes()) {
            if (purpose.objectable()) {
                grants.put(purpose.id(), !Boolean.FALSE.equals(choices.get(purpose.id())));
            }
            if (purpose.choicePerService() && purpose.requiresConsent()) {
                // a service not named follows its purpose when the purpose is named, and is refused when it is not
                boolean unnamed = choices.get(purpose.id()) != null && consents.get(purpose.id());
                for (Service service : policy.servicesFor(purpose.id())) {
                    String key = ConsentPolicy.serviceChoiceKey(purpose.id(), service.id());
                    Boolean given = choices.get(key);
                    grants.put(key, given == null ? unnamed : given);
                }
            }
        }
        return new ConsentDecision(subjectId, policy.id(), policy.version(), grants, method, now, expiresAt);
    }

    /** Grants every consent-based purpose. */
    public ConsentDecision acceptAll(String subjectId) {
        return decide(subjectId, ConsentMethod.ACCEPT_ALL, all(true));
    }

    /** Refuses every consent-based purpose. */
    public ConsentDecision rejectAll(String subjectId) {
        return decide(subjectId, ConsentMethod.REJECT_ALL, all(false));
    }

    /** Withdraws every consent: refuses every consent-based purpose, recorded as a withdrawal. */
    public ConsentDecision withdraw(String subjectId) {
        return decide(subjectId, ConsentMethod.WITHDRAW, all(false));
    }

    /**
     * A decision with the objections of an earlier one carried over. Accepting, refusing or withdrawing consent
     * says nothing about an objection (GDPR Art. 21): only the visitor switching the purpose back on lifts it, so
     * whoever records {@link #acceptAll}, {@link #rejectAll} or {@link #withdraw} over an earlier decision keeps its
     * objections with this. The time, expiry and method stay the decision's own.
     *
     * @param decision the new decision
     * @param earlierOrNull the decision it replaces (e.g. {@link ConsentState#decision()}), or {@code null}
     * @return {@code decision} itself when the earlier one objects to nothing still objectable, else a copy that objects
     *         to what the earlier one did
     */
    public ConsentDecision keepingObjections(ConsentDecision decision, ConsentDecision earlierOrNull) {
        Objects.requireNonNull(decision, "decision");
        if (earlierOrNull == null) {
            return decision;
        }
        Map<String, Boolean> grants = null;
        for (Purpose purpose : policy.decidablePurposes()) {
            if (purpose.objectable() && Boolean.FALSE.equals(earlierOrNull.grants().get(purpose.id()))
                    && !Boolean.FALSE.equals(decision.grants().get(purpose.id()))) {
                if (grants == null) {
                    grants = new LinkedHashMap<>(decision.grants());
                }
                grants.put(purpose.id(), false);
            }
        }
        return grants == null ? decision : new ConsentDecision(decision.subjectId(), decision.policyId(),
                decision.policyVersion(), grants, decision.method(), decision.decidedAt(), decision.expiresAt());
    }

    private Map<String, Boolean> all(boolean granted) {
        Map<String, Boolean> choices = new LinkedHashMap<>(); // services follow their purpose
        for (Purpose purpose : policy.consentPurposes()) {
            choices.put(purpose.id(), granted);
        }
        return choices;
    }

    /**
     * When a decision with these answers, made at {@code decidedAt}, expires: the consent lifetime if it
     * only grants, the refusal lifetime if it only refuses, the earlier of both if it does both or neither.
     */
    Instant expiresAt(Instant decidedAt, Map<String, Boolean> grants) {
        boolean anyGrant = grants.containsValue(Boolean.TRUE);
        boolean anyRefusal = grants.containsValue(Boolean.FALSE);
        Instant consentEnd = policy.consentLifetime().addTo(decidedAt);
        Instant refusalEnd = policy.refusalLifetime().addTo(decidedAt);
        if (anyGrant && !anyRefusal) {
            return consentEnd;
        }
        if (anyRefusal && !anyGrant) {
            return refusalEnd;
        }
        return consentEnd.isBefore(refusalEnd) ? consentEnd : refusalEnd;
    }

    private static void requireSubjectId(String subjectId) {
        if (!isValidSubjectId(subjectId)) {
            throw new IllegalArgumentException("a subject id must be 1 to 64 characters of A-Z a-z 0-9 _ . -"
                    + " (use ConsentEvaluator.newSubjectId())");
        }
    }

    @Override
    public String toString() {
        return "ConsentEvaluator[" + policy.id() + " " + policy.version() + "]";
    }
}
