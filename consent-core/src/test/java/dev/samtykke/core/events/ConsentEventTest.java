package dev.samtykke.core.events;

import dev.samtykke.core.ledger.ConsentRecord;
import dev.samtykke.core.ledger.InMemoryConsentLedger;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.samtykke.core.ledger.LedgerFixtures.T0;
import static dev.samtykke.core.ledger.LedgerFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsentEventTest {

    private final ConsentRecord stored = InMemoryConsentLedger.builder().build().append(record("subject-a", T0, false, true));

    @Test
    void aRecordsEventSplitsItsGrantsAndReadsBackFromItsJson() {
        ConsentEvent e = ConsentEvent.recorded(stored);

        assertThat(e.granted()).containsExactly("ads");
        assertThat(e.denied()).containsExactly("stats");
        assertThat(ConsentEvent.fromJson(e.toJson())).isEqualTo(e);
    }

    @Test
    void theJsonHoldsNoLocaleCollectionPointOrNoticeHash() {
        String json = ConsentEvent.recorded(stored).toJson();

        assertThat(json).contains("\"type\":\"consent.recorded\"", "\"subjectId\":\"subject-a\"", "\"policyVersion\":\"1.0\"",
                "\"kind\":\"partially-given\"");
        assertThat(json).doesNotContain("\"nb\"", stored.noticeHash(), "collection");
    }

    @Test
    void anErasureEventCarriesOnlyTheSubjectTimeAndPosition() {
        ConsentEvent e = ConsentEvent.erased("subject-a", Instant.parse("2026-11-26T12:00:00Z"), 7);

        assertThat(ConsentEvent.fromJson(e.toJson())).isEqualTo(e);
        assertThat(e.toJson()).doesNotContain("granted", "policy", "recordId");
    }

    @Test
    void readingSomethingElseIsAnIllegalArgument() {
        assertThatThrownBy(() -> ConsentEvent.fromJson("{\"type\":\"other\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConsentEvent.fromJson("[")).isInstanceOf(IllegalArgumentException.class);
    }
}
