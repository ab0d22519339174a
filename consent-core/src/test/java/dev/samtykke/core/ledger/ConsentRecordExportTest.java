package dev.samtykke.core.ledger;

import tools.jackson.databind.JsonNode;
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
        assertThat(first.at("/status").asString()).isEqualTo("expired");
        assertThat(second.at("/status").asString()).isEqualTo("active");
        String analyticsNb = JACKON.purpose("analytics").orElseThrow().title().get("nb");
        String analyticsEn = JACKON.purpose("analytics").orElseThrow().title().get("en");
        assertThat(analyticsNb).isNotEqualTo(analyticsEn);
        assertThat(first.at("/processing/purposes").findValuesAsString("purpose")).contains(analyticsNb);
        assertThat(second.at("/processing/purposes").findValuesAsString("purpose")).contains(analyticsEn);
        assertThat(second.at("/processing/purposes").findValuesAsString("state")).containsOnly("refused");
        assertThat(second.at("/events/0/event_state").asString()).isEqualTo("refused");
        assertThat(first.at("/processing/pii_controllers/0/name").asString()).isEqualTo(JACKON.controller().name());
        assertThat(second.at("/processing/withdrawal_method/description").asString()).startsWith("You can change or withdraw");
        assertThat(first.at("/processing/withdrawal_method/description").asString()).startsWith("Du kan");
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
        assertThat(purpose.get("purpose_id").asString()).isEqualTo("old-purpose");
        assertThat(purpose.has("purpose")).isFalse();
        assertThat(purpose.get("consent_given").asBoolean()).isTrue();
    }

    @Test
    void rejectsABadSubjectId() {
        assertThatThrownBy(() -> ConsentRecordExport.toJson(" ", List.of(), JACKON, NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPageIsNewestFirstAndKnowsTheSupersedingRecordFromTheNewerNeighbour() throws Exception {
        ConsentRecord oldest = stored(ConsentMethod.ACCEPT_ALL, true, Locale.ENGLISH, NOW.minus(Duration.ofDays(30)), 1);
        ConsentRecord middle = stored(ConsentMethod.REJECT_ALL, false, Locale.ENGLISH, NOW.minus(Duration.ofDays(20)), 2);
        ConsentRecord newest = stored(ConsentMethod.ACCEPT_ALL, true, Locale.ENGLISH, NOW.minus(Duration.ofDays(10)), 3);

        java.io.ByteArrayOutputStream first = new java.io.ByteArrayOutputStream();
        ConsentRecordExport.writePage(first, "k3L9xQ2mZ8pW4vB7nR1tYa",
                new ConsentRecordExport.Page(List.of(newest), null, 1, "c1"), JACKON, NOW);
        java.io.ByteArrayOutputStream second = new java.io.ByteArrayOutputStream();
        ConsentRecordExport.writePage(second, "k3L9xQ2mZ8pW4vB7nR1tYa",
                new ConsentRecordExport.Page(List.of(middle, oldest), newest, 2, null), JACKON, NOW);

        String one = first.toString(java.nio.charset.StandardCharsets.UTF_8);
        String two = second.toString(java.nio.charset.StandardCharsets.UTF_8);
        ConsentLedgerContract.assertValid(one);
        ConsentLedgerContract.assertValid(two);
        JsonNode p1 = ConsentLedgerContract.json(one);
        JsonNode p2 = ConsentLedgerContract.json(two);
        assertThat(p1.get("order").asString()).isEqualTo("newest-first");
        assertThat(p1.get("limit").asInt()).isEqualTo(1);
        assertThat(p1.get("next").asString()).isEqualTo("c1");
        assertThat(p1.get("record_count").asInt()).isEqualTo(1);
        assertThat(p1.at("/records/0/status").asString()).isEqualTo("active");
        assertThat(p2.get("next").isNull()).isTrue();
        assertThat(p2.get("records")).extracting(r -> r.get("status").asString()).containsExactly("superseded", "superseded");
        assertThat(p2.at("/records/0/events/1/superseded_by").asString()).isEqualTo(newest.recordId());
        assertThat(p2.at("/records/1/events/1/superseded_by").asString()).isEqualTo(middle.recordId());
    }

    @Test
    void aPageHoldsNoMoreRecordsThanItsLimit() {
        ConsentRecord r = stored(ConsentMethod.ACCEPT_ALL, true, Locale.ENGLISH, NOW, 1);
        assertThatThrownBy(() -> new ConsentRecordExport.Page(List.of(r, r), null, 1, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConsentRecordExport.Page(List.of(), null, 0, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
