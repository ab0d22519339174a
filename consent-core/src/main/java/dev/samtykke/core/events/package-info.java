/**
 * Consent events for the systems after the web tier: every ledger record (and every erasure) yields a
 * {@link dev.samtykke.core.events.ConsentEvent}, written to a {@link dev.samtykke.core.events.ConsentOutbox} in the same
 * transaction as the ledger entry, and delivered from there by an {@link dev.samtykke.core.events.OutboxRelay} to
 * {@link dev.samtykke.core.events.ConsentEventSink sinks}: signed webhooks ({@link dev.samtykke.core.events.WebhookSink}),
 * in-process listeners, or Kafka through Debezium reading the outbox table. See {@code docs/events.md}.
 */
package dev.samtykke.core.events;
