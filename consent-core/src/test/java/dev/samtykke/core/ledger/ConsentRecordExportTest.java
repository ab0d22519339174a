package dev.samtykke.core.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.consent.ConsentMethod;
import dev.samtykke.core.ledger.spi.LedgerChain;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyLoader;
import dev.samtykke.core.policy.Purpose;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The export of records made under the reference (Jackon) policy, in both its languages. */
class ConsentRecordExportTest {

    private static final ConsentPolicy JACKON = PolicyLoader.fromClasspath("policies/jackon.json");
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static ConsentRecord stored(ConsentMethod method, boolean granted, Locale locale, Instant at, long sequence) {
        Map<String, Boolean> grants = new LinkedHashMap<>();
        for (Purpose p : JACKON.consentPurposes()) {
            grants.put(p.id(), granted);
        }
        ConsentDecision d = new ConsentDecision("k3L9xQ2mZ8pW4vB7nR1tYa", JACKON.id(), JACKON.version(), grants, method, at,
                at.plus(Duration.ofDays(365)));
        return LedgerChain.seal(NewConsentRecord.of(d, JACKON, locale, "/"), "00000000-0000-4000-8000-00000000000" + sequence,
                at, 0, sequence, LedgerChain.GENESIS_HASH);
    }

    @Test
    void describesTheJackonPolicyInTheLanguageEachRecordWasShownIn() {
        List<ConsentRecord> records = List.of(
                stored(ConsentMethod.ACCEPT_ALL, true, Locale.forLanguageTag("nb"), NOW.minus(Duration.ofDays(500)), 1),
                stored(ConsentMethod.REJECT_ALL, false, Locale.ENGLISH, NOW.minus(Duration.ofDays(20)), 2));

        String export = ConsentRecordExport.toJson("k3L9xQ2mZ8pW4vB7nR1tYa", records, JACKON, NOW);

        ConsentLedgerContract.assertValid(export);
        JsonNode doc = ConsentLedgerContract.json(export);
        JsonNode first = doc.at("/records/0");
        JsonNode second = doc.at("/records/1");
        assertThat(first.at("/status").asText()).isEqualTo("expired");
        assertThat(second.at("/status").asText()).isEqualTo("active");
        String analyticsNb = JACKON.purpose("analytics").orElseThrow().title().get("nb");
        String analyticsEn = JACKON.purpose("analytics").orElseThrow().title().get("en");
        assertThat(analyticsNb).isNotEqualTo(analyticsEn);
        assertThat(first.at("/processing/purposes").findValuesAsText("purpose")).contains(analyticsNb);
        assertThat(second.at("/processing/purposes").findValuesAsText("purpose")).contains(analyticsEn);
        assertThat(second.at("/processing/purposes").findValuesAsText("state")).containsOnly("refused");
        assertThat(second.at("/events/0/event_state").asText()).isEqualTo("refused");
        assertThat(first.at("/processing/pii_controllers/0/name").asText()).isEqualTo(JACKON.controller().name());
        assertThat(second.at("/processing/withdrawal_method/description").asText()).startsWith("You can change or withdraw");
        assertThat(first.at("/processing/withdrawal_method/description").asText()).startsWith("Du kan");
    }

    @Test
    void recordsOfAnotherPolicyKeepTheirPurposeIdsOnly() {
        ConsentDecision d = new ConsentDecision("s", "legacy", JACKON.version(), Map.of("old-purpose", true),
                ConsentMethod.API, NOW, NOW.plusSeconds(60));
        ConsentRecord r = LedgerChain.seal(new NewConsentRecord(d, "en", "/", "cd".repeat(32)),
                "00000000-0000-4000-8000-000000000009", NOW, 0, 1, LedgerChain.GENESIS_HASH);

        String export = ConsentRecordExport.toJson("s", List.of(r), JACKON, NOW);

        ConsentLedgerContract.assertValid(export);
        JsonNode purpose = ConsentLedgerContract.json(export).at("/records/0/processing/purposes/0");
        assertThat(purpose.get("purpose_id").asText()).isEqualTo("old-purpose");
        assertThat(purpose.has("purpose")).isFalse();
        assertThat(purpose.get("consent_given").asBoolean()).isTrue();
    }

    @Test
    void rejectsABadSubjectId() {
        assertThatThrownBy(() -> ConsentRecordExport.toJson(" ", List.of(), JACKON, NOW)).isInstanceOf(IllegalArgumentException.class);
    }
}
