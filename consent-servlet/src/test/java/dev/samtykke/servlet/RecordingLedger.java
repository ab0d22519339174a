package dev.samtykke.servlet;

import dev.samtykke.core.ledger.ConsentLedger;
import dev.samtykke.core.ledger.ConsentRecord;
import dev.samtykke.core.ledger.InMemoryConsentLedger;
import dev.samtykke.core.ledger.LedgerException;
import dev.samtykke.core.ledger.LedgerVerification;
import dev.samtykke.core.ledger.NewConsentRecord;
import dev.samtykke.core.policy.ConsentPolicy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory ledger that remembers what was appended, and can be told to fail. */
final class RecordingLedger implements ConsentLedger {

    private final InMemoryConsentLedger delegate = new InMemoryConsentLedger();
    final List<NewConsentRecord> appended = new CopyOnWriteArrayList<>();
    volatile boolean failing;

    @Override
    public ConsentRecord append(NewConsentRecord record) {
        if (failing) {
            throw new LedgerException("the test ledger is down");
        }
        appended.add(record);
        return delegate.append(record);
    }

    @Override
    public Optional<ConsentRecord> latest(String subjectId) {
        if (failing) {
            throw new LedgerException("the test ledger is down");
        }
        return delegate.latest(subjectId);
    }

    @Override
    public List<ConsentRecord> history(String subjectId) {
        if (failing) {
            throw new LedgerException("the test ledger is down");
        }
        return delegate.history(subjectId);
    }

    @Override
    public List<ConsentRecord> historyPage(String subjectId, long beforeSequence, int limit) {
        if (failing) {
            throw new LedgerException("the test ledger is down");
        }
        return delegate.historyPage(subjectId, beforeSequence, limit);
    }

    @Override
    public String export(String subjectId, ConsentPolicy policy) {
        if (failing) {
            throw new LedgerException("the test ledger is down");
        }
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

    NewConsentRecord last() {
        return appended.get(appended.size() - 1);
    }
}
