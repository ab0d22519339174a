package dev.samtykke.core.ledger.spi;

import java.util.Map;
import java.util.TreeMap;

/**
 * The positions of one shard that its erasure and purge events name as emptied, as merged ranges: a tombstone is
 * legitimate only at such a position. Only events whose own hashes hold count, and each covers only positions before
 * its own. Not thread-safe; build one per shard and check.
 */
public final class EventCoverage {

    private final TreeMap<Long, Long> ranges = new TreeMap<>();

    private EventCoverage() {
    }

    /**
     * The coverage of a shard's events.
     *
     * @param shard the shard
     * @param entries the shard's events (other entries are ignored)
     * @return the positions they name
     */
    public static EventCoverage of(int shard, Iterable<ChainEntry> entries) {
        EventCoverage coverage = new EventCoverage();
        for (ChainEntry e : entries) {
            if (e.isEvent() && e.shard() == shard && e.event().contentHash().equals(e.contentHash())
                    && LedgerChain.chainHash(shard, e.sequence(), e.recordId(), e.contentHash(), e.previousHash()).equals(e.hash())) {
                for (LedgerEvent.Range r : e.event().covered()) {
                    coverage.add(r.first(), Math.min(r.last(), e.sequence() - 1));
                }
            }
        }
        return coverage;
    }

    /**
     * Whether an event names this position.
     *
     * @param sequence the position
     * @return whether it is covered
     */
    public boolean covers(long sequence) {
        Map.Entry<Long, Long> r = ranges.floorEntry(sequence);
        return r != null && r.getValue() >= sequence;
    }

    private void add(long first, long last) {
        if (last < first) {
            return;
        }
        Map.Entry<Long, Long> before = ranges.floorEntry(first);
        if (before != null && before.getValue() >= first - 1) {
            first = before.getKey();
            last = Math.max(last, before.getValue());
            ranges.remove(before.getKey());
        }
        Map.Entry<Long, Long> after;
        while ((after = ranges.ceilingEntry(first)) != null && after.getKey() <= last + 1) {
            last = Math.max(last, after.getValue());
            ranges.remove(after.getKey());
        }
        ranges.put(first, last);
    }
}
