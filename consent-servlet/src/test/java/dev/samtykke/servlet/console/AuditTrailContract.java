package dev.samtykke.servlet.console;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link AuditTrail} must do; each store's test extends this with a fresh, empty trail. */
public abstract class AuditTrailContract {

    /** A fresh, empty trail. */
    protected abstract AuditTrail trail();

    protected static final Instant T0 = Instant.parse("2026-11-26T10:15:30.123456Z");

    protected static AuditEntry entry(int i, AuditAction action, String subject) {
        return new AuditEntry(T0.plusSeconds(i), "dpo" + i, action, subject, "outcome " + i);
    }

    @Test
    void readsEntriesBackNewestFirstWithEveryPart() {
        AuditTrail trail = trail();
        AuditEntry lookup = entry(1, AuditAction.LOOKUP, "sha256:0123456789abcdef");
        AuditEntry verification = entry(2, AuditAction.VERIFICATION, null);
        AuditEntry erasure = entry(3, AuditAction.ERASURE, "sha256:fedcba9876543210");
        trail.record(lookup);
        trail.record(verification);
        trail.record(erasure);

        assertThat(trail.recent(10)).containsExactly(erasure, verification, lookup);
    }

    @Test
    void anEmptyTrailReadsNothingAndALimitTakesTheNewest() {
        AuditTrail trail = trail();
        assertThat(trail.recent(10)).isEmpty();
        for (int i = 0; i < 5; i++) {
            trail.record(entry(i, AuditAction.EXPORT, "sha256:000000000000000" + i));
        }
        assertThat(trail.recent(2)).extracting(AuditEntry::principal).containsExactly("dpo4", "dpo3");
        assertThat(trail.recent(0)).isEmpty();
    }

    @Test
    void entriesOfTheSameInstantKeepTheOrderTheyWereWrittenIn() {
        AuditTrail trail = trail();
        for (AuditAction action : AuditAction.values()) {
            trail.record(new AuditEntry(T0, "dpo", action, null, action.id()));
        }
        assertThat(trail.recent(10)).extracting(AuditEntry::action)
                .containsExactly(AuditAction.VERIFICATION, AuditAction.ERASURE, AuditAction.EXPORT, AuditAction.LOOKUP);
    }

    @Test
    void concurrentWritersLoseNoEntry() throws Exception {
        AuditTrail trail = trail();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        trail.record(new AuditEntry(T0, "writer" + writer, AuditAction.LOOKUP, null, "n" + i));
                    }
                }));
            }
            for (Future<?> f : writers) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<AuditEntry> all = trail.recent(1000);
        assertThat(all).hasSize(100);
        for (int w = 0; w < 4; w++) {
            String writer = "writer" + w;
            // each writer's entries are there, newest first
            List<String> outcomes = all.stream().filter(e -> e.principal().equals(writer)).map(AuditEntry::outcome).toList();
            assertThat(outcomes).hasSize(25).startsWith("n24").endsWith("n0");
        }
    }
}
