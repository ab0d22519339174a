package dev.samtykke.servlet.console;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** An audit trail in memory: the latest entries (10,000 by default), lost on restart. */
public final class InMemoryAuditTrail implements AuditTrail {

    /** How many entries are kept by default. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final ArrayDeque<AuditEntry> entries = new ArrayDeque<>();
    private final int capacity;

    /** A trail keeping {@value #DEFAULT_CAPACITY} entries. */
    public InMemoryAuditTrail() {
        this(DEFAULT_CAPACITY);
    }

    /**
     * A trail keeping the latest entries.
     *
     * @param capacity how many, at least 1
     */
    public InMemoryAuditTrail(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized void record(AuditEntry entry) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(entry);
    }

    @Override
    public synchronized List<AuditEntry> recent(int limit) {
        List<AuditEntry> recent = new ArrayList<>(Math.min(Math.max(limit, 0), entries.size()));
        Iterator<AuditEntry> newestFirst = entries.descendingIterator();
        while (newestFirst.hasNext() && recent.size() < limit) {
            recent.add(newestFirst.next());
        }
        return recent;
    }
}
