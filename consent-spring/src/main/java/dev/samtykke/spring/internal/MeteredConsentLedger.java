package dev.samtykke.spring.internal;

import dev.samtykke.core.ledger.ConsentLedger;
import dev.samtykke.core.ledger.ConsentRecord;
import dev.samtykke.core.ledger.LedgerVerification;
import dev.samtykke.core.ledger.NewConsentRecord;
import dev.samtykke.core.policy.ConsentPolicy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A ledger that counts each decision it records successfully, by method, then delegates. */
public final class MeteredConsentLedger implements ConsentLedger {

    private final ConsentLedger delegate;
    private final SamtykkeMetrics metrics;

    /**
     * @param delegate the real ledger
     * @param metrics the counters
     */
    public MeteredConsentLedger(ConsentLedger delegate, SamtykkeMetrics metrics) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * The ledger it counts for.
     *
     * @return the delegate
     */
    public ConsentLedger delegate() {
        return delegate;
    }

    @Override
    public ConsentRecord append(NewConsentRecord record) {
        ConsentRecord stored = delegate.append(record);
        metrics.decisionRecorded(record.decision().method());
        return stored;
    }

    @Override
    public List<ConsentRecord> appendAll(List<NewConsentRecord> records) {
        List<ConsentRecord> stored = delegate.appendAll(records);
        records.forEach(r -> metrics.decisionRecorded(r.decision().method()));
        return stored;
    }

    @Override
    public Optional<ConsentRecord> latest(String subjectId) {
        return delegate.latest(subjectId);
    }

    @Override
    public List<ConsentRecord> history(String subjectId) {
        return delegate.history(subjectId);
    }

    @Override
    public String export(String subjectId, ConsentPolicy policy) {
        return delegate.export(subjectId, policy);
    }

    @Override
    public int erase(String subjectId) {
        return delegate.erase(subjectId);
    }

    @Override
    public int purge(Instant olderThan) {
        return delegate.purge(olderThan);
    }

    @Override
    public LedgerVerification verify() {
        return delegate.verify();
    }

    @Override
    public String toString() {
        return "Metered" + delegate;
    }
}
