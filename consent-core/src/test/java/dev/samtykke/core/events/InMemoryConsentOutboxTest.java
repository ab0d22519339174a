package dev.samtykke.core.events;

import dev.samtykke.core.ledger.InMemoryConsentLedger;

/** The outbox contract in memory, fed by the in-memory ledger. */
class InMemoryConsentOutboxTest extends ConsentOutboxContract {

    @Override
    protected Store newStore() {
        InMemoryConsentOutbox outbox = new InMemoryConsentOutbox();
        return new Store(InMemoryConsentLedger.builder().outbox(outbox).build(), outbox);
    }
}
