package dev.samtykke.servlet.console.internal;

import dev.samtykke.core.ledger.ConsentLedger;
import dev.samtykke.core.ledger.ConsentRecord;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.servlet.console.AuditAction;
import dev.samtykke.servlet.internal.HttpProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The data-subject requests, for the API and the pages alike: look-up (with the confirmation an erasure needs),
 * export and erasure by consent id, each recorded in the audit trail before it is answered.
 */
final class SubjectRequests {

    /** The most records a look-up lists (newest first). */
    static final int MAX_RECORDS = 500;
    /** The longest consent id taken. */
    static final int MAX_ID = 128;
    private static final Logger LOG = LoggerFactory.getLogger(SubjectRequests.class);

    /** A look-up's answer: the records shown, whether there are more, and the erasure's confirmation. */
    record Lookup(String consentId, List<ConsentRecord> records, boolean more, String token, Instant tokenExpires) {
    }

    private final ConsentPolicy policy;
    private final ConsentLedger ledger;
    private final ConsoleAudit audit;
    private final Clock clock;
    private final EraseConfirmation confirmation = new EraseConfirmation();

    SubjectRequests(ConsentPolicy policy, ConsentLedger ledger, ConsoleAudit audit, Clock clock) {
        this.policy = policy;
        this.ledger = ledger;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A consent id as typed or sent: stripped, 1 to {@value #MAX_ID} visible ASCII characters.
     *
     * @throws HttpProblem 400 otherwise
     */
    static String consentId(String value) {
        String id = value == null ? "" : value.strip();
        if (id.isEmpty() || id.length() > MAX_ID || !id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw HttpProblem.badRequest("A consent id is 1 to " + MAX_ID + " visible ASCII characters: the id the"
                    + " visitor quoted");
        }
        return id;
    }

    Lookup lookup(String principal, String subject) {
        List<ConsentRecord> records = read(() -> ledger.historyPage(subject, Long.MAX_VALUE, MAX_RECORDS + 1));
        boolean more = records.size() > MAX_RECORDS;
        List<ConsentRecord> shown = more ? List.copyOf(records.subList(0, MAX_RECORDS)) : records;
        audit.record(principal, AuditAction.LOOKUP, subject, shown.size() + (more ? "+" : "") + " records");
        Instant now = clock.instant();
        return new Lookup(subject, shown, more, confirmation.issue(subject, principal, now),
                now.plus(EraseConfirmation.VALIDITY));
    }

    /** Records without an audit entry, for a page that confirms an erasure the user already looked up. */
    List<ConsentRecord> recordsToErase(String principal, String subject, String token) {
        requireConfirmation(principal, subject, token);
        return read(() -> ledger.historyPage(subject, Long.MAX_VALUE, MAX_RECORDS + 1));
    }

    /** The ISO/IEC TS 27560-shaped export, recorded with the outcome given (e.g. {@code exported}). */
    String export(String principal, String subject, String outcome) {
        String export = read(() -> ledger.export(subject, policy));
        audit.record(principal, AuditAction.EXPORT, subject, outcome);
        return export;
    }

    /** The records, for a printable page, recorded as an export. */
    List<ConsentRecord> exportForPrint(String principal, String subject) {
        List<ConsentRecord> records = read(() -> ledger.history(subject));
        audit.record(principal, AuditAction.EXPORT, subject, "printable page, " + records.size() + " records");
        return records;
    }

    /**
     * Erases with the ledger's chained erasure event.
     *
     * @throws HttpProblem 403 without a valid confirmation, 503 when the ledger cannot erase
     */
    int erase(String principal, String subject, String token) {
        requireConfirmation(principal, subject, token);
        int erased;
        try {
            erased = ledger.erase(subject);
        } catch (RuntimeException e) {
            LOG.warn("The consent ledger could not erase a subject's records: {}", e.toString());
            throw HttpProblem.unavailable("The records could not be erased right now; nothing was changed, try again later");
        }
        audit.record(principal, AuditAction.ERASURE, subject, "erased " + erased + " records");
        return erased;
    }

    private void requireConfirmation(String principal, String subject, String token) {
        if (token == null || !confirmation.confirms(token, subject, principal, clock.instant())) {
            throw HttpProblem.forbidden("Erasure needs the confirmation of a look-up of these records by you, at most "
                    + EraseConfirmation.VALIDITY.toMinutes() + " minutes old: look the records up first");
        }
    }

    private static <T> T read(Supplier<T> reading) {
        try {
            return reading.get();
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest("That is not a consent id");
        } catch (RuntimeException e) {
            LOG.warn("The consent ledger could not be read: {}", e.toString());
            throw HttpProblem.unavailable("The consent records cannot be read right now; try again later");
        }
    }
}
