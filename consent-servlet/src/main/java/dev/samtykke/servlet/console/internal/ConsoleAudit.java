package dev.samtykke.servlet.console.internal;

import dev.samtykke.servlet.console.AuditAction;
import dev.samtykke.servlet.console.AuditEntry;
import dev.samtykke.servlet.console.AuditTrail;
import dev.samtykke.servlet.internal.HttpProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/** Writes console actions to the audit trail (before they are answered) and reads the trail back. */
final class ConsoleAudit {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleAudit.class);

    private final AuditTrail trail;
    private final Clock clock;

    ConsoleAudit(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    /**
     * Records an action before it is answered.
     *
     * @throws HttpProblem 503 if the trail cannot record it: then the action is not answered
     */
    void record(String principal, AuditAction action, String subjectId, String outcome) {
        try {
            trail.record(new AuditEntry(clock.instant(), principal, action, subjectId == null ? null : AuditEntry.subjectDigest(subjectId),
                    outcome));
        } catch (RuntimeException e) {
            LOG.warn("The console's audit trail could not record a {}: {}", action.id(), e.toString());
            throw HttpProblem.unavailable("The action could not be recorded in the audit trail, so it is not answered");
        }
    }

    /** Records an entry of a background task, where nobody waits for an answer: a failure is logged. */
    void recordQuietly(AuditEntry entry) {
        try {
            trail.record(entry);
        } catch (RuntimeException e) {
            LOG.warn("The console's audit trail could not record a {}: {}", entry.action().id(), e.toString());
        }
    }

    /**
     * The latest entries, newest first.
     *
     * @throws HttpProblem 503 if the trail cannot be read
     */
    List<AuditEntry> recent(int limit) {
        try {
            return trail.recent(limit);
        } catch (RuntimeException e) {
            LOG.warn("The console's audit trail could not be read: {}", e.toString());
            throw HttpProblem.unavailable("The audit trail cannot be read right now; try again later");
        }
    }
}
