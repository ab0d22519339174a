package dev.samtykke.servlet.console;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryAuditTrailTest extends AuditTrailContract {

    @Override
    protected AuditTrail trail() {
        return new InMemoryAuditTrail();
    }

    @Test
    void keepsTheLatestEntriesUpToItsCapacity() {
        InMemoryAuditTrail trail = new InMemoryAuditTrail(2);
        trail.record(entry(1, AuditAction.LOOKUP, null));
        trail.record(entry(2, AuditAction.LOOKUP, null));
        trail.record(entry(3, AuditAction.LOOKUP, null));
        assertThat(trail.recent(10)).extracting(AuditEntry::principal).containsExactly("dpo3", "dpo2");
    }
}
