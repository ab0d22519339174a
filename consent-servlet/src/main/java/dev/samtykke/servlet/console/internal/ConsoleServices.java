package dev.samtykke.servlet.console.internal;

import dev.samtykke.core.ledger.ConsentLedger;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.stats.ConsentStats;
import dev.samtykke.core.stats.StatsCount;
import dev.samtykke.servlet.console.AuditAction;
import dev.samtykke.servlet.console.AuditEntry;
import dev.samtykke.servlet.console.AuditTrail;
import dev.samtykke.servlet.internal.HttpProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/** What the console's API and pages share: the site's parts, the audit trail, the data-subject requests, the ledger's health. */
public final class ConsoleServices implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServices.class);

    final ConsentPolicy policy;
    final ConsentStats stats;
    final Clock clock;
    final Set<String> trustedOrigins;
    final ConsoleAudit audit;
    final SubjectRequests subjects;
    final LedgerHealth health;

    /**
     * The services over a site's parts.
     *
     * @param policy         the policy
     * @param ledger         the ledger
     * @param stats          the counters
     * @param trail          the audit trail
     * @param clock          the clock
     * @param trustedOrigins origins besides the request's own that may change state
     */
    public ConsoleServices(ConsentPolicy policy, ConsentLedger ledger, ConsentStats stats, AuditTrail trail, Clock clock,
                           Set<String> trustedOrigins) {
        this.policy = policy;
        this.stats = stats;
        this.clock = clock;
        this.trustedOrigins = trustedOrigins;
        this.audit = new ConsoleAudit(trail, clock);
        this.subjects = new SubjectRequests(policy, ledger, audit, clock);
        this.health = new LedgerHealth(ledger, clock);
    }

    /** Today, in UTC. */
    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /**
     * The counters of a range of days.
     *
     * @throws HttpProblem 503 if they cannot be read
     */
    List<StatsCount> counts(LocalDate from, LocalDate to) {
        try {
            return stats.counts(from, to);
        } catch (RuntimeException e) {
            LOG.warn("The consent counters could not be read: {}", e.toString());
            throw HttpProblem.unavailable("The counters cannot be read right now; try again later");
        }
    }

    /**
     * Starts a verification of the ledger in the background unless one runs, recording its start (before it runs) and
     * its result.
     *
     * @return whether one started
     */
    boolean startVerification(String principal) {
        return health.start(() -> audit.record(principal, AuditAction.VERIFICATION, null, "started"), result -> {
            String outcome = result.verification() == null ? "failed: " + result.failure()
                    : result.verification().isIntact() ? "intact, " + result.verification().recordsChecked() + " records"
                    : "broken: " + result.verification().problems().size() + " problems";
            audit.recordQuietly(new AuditEntry(result.finishedAt(), principal, AuditAction.VERIFICATION, null, outcome));
        });
    }

    /** Stops the background verification. */
    @Override
    public void close() {
        health.close();
    }
}
