package dev.samtykke.core.ledger.jdbc;

import dev.samtykke.core.ledger.spi.ChainEntry;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** Merges a shard's streamed records with its events into one walk in ascending sequence, for verification. */
final class MergedEntries {

    private MergedEntries() {
    }

    /** One shard's records and events in ascending sequence (a position held by both comes twice: verification reports it). */
    static Iterator<ChainEntry> of(Iterator<ChainEntry> records, Iterator<ChainEntry> shardEvents) {
        return new Iterator<>() {
            private ChainEntry record;
            private ChainEntry event;

            @Override
            public boolean hasNext() {
                if (record == null && records.hasNext()) {
                    record = records.next();
                }
                if (event == null && shardEvents.hasNext()) {
                    event = shardEvents.next();
                }
                return record != null || event != null;
            }

            @Override
            public ChainEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ChainEntry next;
                if (event == null || (record != null && record.sequence() <= event.sequence())) {
                    next = record;
                    record = null;
                } else {
                    next = event;
                    event = null;
                }
                return next;
            }
        };
    }
}
