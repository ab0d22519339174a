package dev.samtykke.servlet;

import dev.samtykke.core.consent.AccountKey;
import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.consent.ConsentMethod;
import dev.samtykke.core.consent.ConsentState;
import dev.samtykke.core.ledger.ConsentRecord;
import dev.samtykke.core.ledger.NewConsentRecord;
import dev.samtykke.servlet.internal.DecisionRateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Consent that follows a signed-in account (see {@link SubjectResolver}): records a decision under the account
 * too, and applies the account's newer decision to a device.
 */
final class AccountLinks {

    private static final Logger LOG = LoggerFactory.getLogger(AccountLinks.class);

    private final Samtykke samtykke;
    private final SubjectResolver resolver;
    private final AccountKey key;

    AccountLinks(Samtykke samtykke, SubjectResolver resolver, AccountKey key) {
        this.samtykke = samtykke;
        this.resolver = resolver;
        this.key = key;
    }

    /** The account subject id of the request's signed-in account, or {@code null}. */
    String accountSubject(HttpServletRequest request) {
        Optional<String> name;
        try {
            name = resolver.account(request);
        } catch (RuntimeException e) {
            LOG.warn("The subject resolver failed; the request counts as signed out: {}", e.getClass().getName());
            return null;
        }
        if (name == null || name.isEmpty()) {
            return null;
        }
        try {
            return key.subjectIdOf(name.get());
        } catch (IllegalArgumentException e) {
            LOG.warn("The subject resolver named an unusable account (blank or over 1,024 characters); signed out");
            return null;
        }
    }

    /**
     * Records a decision of the device, and under the request's signed-in account too, atomically.
     *
     * @param request the request the decision came with
     * @param record the device's record
     */
    void record(HttpServletRequest request, NewConsentRecord record) {
        String account = accountSubject(request);
        if (account == null) {
            samtykke.ledger().append(record);
            return;
        }
        ConsentDecision d = record.decision();
        ConsentDecision forAccount = new ConsentDecision(account, d.policyId(), d.policyVersion(), d.grants(), d.method(),
                d.decidedAt(), d.expiresAt());
        samtykke.ledger().appendAll(List.of(record,
                new NewConsentRecord(forAccount, record.locale(), record.collectionPoint(), record.noticeHash())));
    }

    /**
     * The consent of a signed-in visitor: the device's, unless the account holds a newer decision that still
     * counts, which is then recorded for the device and sent as its new consent cookie (with the cookies it
     * withdraws expired). Anything that fails leaves the device's own state.
     *
     * @param request the request, on its first dispatch
     * @param response its response, not yet committed
     * @param current the state of the device's cookie
     * @return the request's state
     */
    ConsentState follow(HttpServletRequest request, HttpServletResponse response, ConsentState current) {
        String account = accountSubject(request);
        if (account == null) {
            return current;
        }
        ConsentRecord latest;
        try {
            latest = samtykke.ledger().latest(account).orElse(null);
        } catch (RuntimeException e) {
            LOG.warn("The consent ledger could not read a signed-in account's decision; the device's stands: {}", e.toString());
            return current;
        }
        if (latest == null || !newer(latest, current)) {
            return current;
        }
        Instant now = samtykke.clock().instant();
        ConsentDecision accounts = latest.decision();
        ConsentState applied = samtykke.evaluator().evaluate(accounts, current.gpc(), now.toEpochMilli());
        if (applied.decision().isEmpty()) {
            return current; // the account's decision no longer counts (older MAJOR version, expired): the banner asks
        }
        DecisionRateLimiter limiter = samtykke.decisionLimiter();
        if (limiter != null && limiter.acquire(account) > 0) {
            LOG.debug("A signed-in account's decision was applied to devices too often a minute; not applied now");
            return current;
        }
        String device = ConsentEndpoints.subjectOf(samtykke, request, current).id();
        // Whole seconds, as the cookie keeps them, and never before the account's decision: another instance's clock
        // may run ahead, and a device decision older than the account's would be replaced again on every request.
        Instant decided = now.truncatedTo(ChronoUnit.SECONDS);
        if (decided.isBefore(latest.decidedAt())) {
            decided = latest.decidedAt();
        }
        ConsentDecision decision = new ConsentDecision(device, accounts.policyId(), accounts.policyVersion(),
                accounts.grants(), ConsentMethod.ACCOUNT, decided, accounts.expiresAt());
        try {
            samtykke.ledger().append(new NewConsentRecord(decision, latest.locale(),
                    ConsentEndpoints.collectionPoint(request), latest.noticeHash()));
        } catch (RuntimeException e) {
            LOG.warn("The consent ledger could not record a signed-in account's decision for this device; the device's"
                    + " stands: {}", e.toString());
            return current;
        }
        samtykke.listener().decisionRecorded(decision);
        ConsentState next = samtykke.evaluator().evaluate(decision, current.gpc(), now.toEpochMilli());
        DecisionCookies.issue(samtykke, request, response, decision, next);
        request.setAttribute(Samtykke.STATE_ATTRIBUTE, next);
        return next;
    }

    /** Whether the account's latest record was decided after the device's current decision (or the device has none). */
    private static boolean newer(ConsentRecord latest, ConsentState current) {
        return current.decision().map(d -> d.decidedAt().isBefore(latest.decidedAt())).orElse(true);
    }
}
