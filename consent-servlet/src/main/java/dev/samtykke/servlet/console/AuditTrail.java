package dev.samtykke.servlet.console;

import java.util.List;

/**
 * Where the console records what its users do (look-ups, exports, erasures, verifications), and reads it back. The
 * console writes an entry before it answers; an entry that cannot be written fails the action (503).
 * {@link InMemoryAuditTrail} is the default; an application that must keep the trail across restarts supplies its
 * own (e.g. a table, or its log pipeline).
 */
public interface AuditTrail {

    /**
     * Records an entry.
     *
     * @param entry the entry
     */
    void record(AuditEntry entry);

    /**
     * The latest entries, newest first.
     *
     * @param limit at most this many
     * @return the entries
     */
    List<AuditEntry> recent(int limit);
}
