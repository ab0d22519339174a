/**
 * Support for implementers of {@link dev.samtykke.core.ledger.ConsentLedger}: the hashing and sharding rules
 * ({@link dev.samtykke.core.ledger.spi.LedgerChain}), the erasure, purge and eviction events that a store appends
 * to its chains ({@link dev.samtykke.core.ledger.spi.LedgerEvent}) and the positions they cover
 * ({@link dev.samtykke.core.ledger.spi.EventCoverage}), the chain check
 * ({@link dev.samtykke.core.ledger.spi.ChainVerifier}) and the policy check
 * ({@link dev.samtykke.core.ledger.spi.KnownPolicies}) that every store shares, so that all stores hash,
 * verify and validate alike. Users of a ledger do not need this package.
 */
package dev.samtykke.core.ledger.spi;
