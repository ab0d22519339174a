package dev.samtykke.spring.internal;

import dev.samtykke.core.ledger.ConsentLedger;

/** Wraps the ledger the auto-configured {@code Samtykke} records decisions in (e.g. to count them). */
@FunctionalInterface
public interface LedgerDecorator {

    /**
     * Wraps a ledger.
     *
     * @param ledger the ledger
     * @return the ledger to use instead, delegating to {@code ledger}
     */
    ConsentLedger decorate(ConsentLedger ledger);
}
