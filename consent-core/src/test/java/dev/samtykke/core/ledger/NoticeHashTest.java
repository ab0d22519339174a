package dev.samtykke.core.ledger;

import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyLoader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import static dev.samtykke.core.ledger.LedgerFixtures.POLICY;
import static dev.samtykke.core.ledger.LedgerFixtures.POLICY_JSON;
import static org.assertj.core.api.Assertions.assertThat;

class NoticeHashTest {

    private static final Locale NB = Locale.forLanguageTag("nb");

    private static ConsentPolicy load(String json) {
        return PolicyLoader.fromString(json, PolicyLoader.Format.JSON, "variant.json");
    }

    @Test
    void isTheSha256OfTheCanonicalNotice() {
        String hash = NoticeHash.of(POLICY, NB);

        assertThat(hash).matches("[0-9a-f]{64}");
        assertThat(hash).isEqualTo(dev.samtykke.core.ledger.spi.LedgerChain.sha256Hex(NoticeHash.canonical(POLICY, NB)));
        String canonical = new String(NoticeHash.canonical(POLICY, NB), StandardCharsets.UTF_8);
        assertThat(canonical).startsWith("{\"banner\":{\"labels\":{\"acceptAll\":\"Godta alle\",\"rejectAll\":\"Avvis alle\"}")
                .contains("\"format\":\"samtykke-notice-v1\"")
                .contains("\"title\":\"Statistikk\"")
                .doesNotContain("Statistics");
    }

    @Test
    void staysTheSameAcrossLoadsAndKeyOrder() {
        String reordered = POLICY_JSON
                .replace("\"labels\": {\"acceptAll\": {\"nb\": \"Godta alle\", \"en\": \"Accept all\"},\n"
                                + "                                    \"rejectAll\": {\"nb\": \"Avvis alle\", \"en\": \"Reject all\"}}",
                        "\"labels\": {\"rejectAll\": {\"en\": \"Reject all\", \"nb\": \"Avvis alle\"},\n"
                                + "                                    \"acceptAll\": {\"en\": \"Accept all\", \"nb\": \"Godta alle\"}}")
                .replace("\"id\": \"shop\", \"version\": \"1.0\"", "\"version\": \"1.0\", \"id\": \"shop\"");
        assertThat(reordered).isNotEqualTo(POLICY_JSON);

        assertThat(NoticeHash.of(load(reordered), NB)).isEqualTo(NoticeHash.of(POLICY, NB));
        assertThat(NoticeHash.of(load(POLICY_JSON), Locale.ENGLISH)).isEqualTo(NoticeHash.of(POLICY, Locale.ENGLISH));
    }

    @Test
    void differsPerLocale() {
        assertThat(NoticeHash.of(POLICY, NB)).isNotEqualTo(NoticeHash.of(POLICY, Locale.ENGLISH));
    }

    @Test
    void changesWithATextOnlyInItsOwnLocale() {
        ConsentPolicy changedNb = load(POLICY_JSON.replace("\"Telle besøk\"", "\"Telle besøk og klikk\""));

        assertThat(NoticeHash.of(changedNb, NB)).isNotEqualTo(NoticeHash.of(POLICY, NB));
        assertThat(NoticeHash.of(changedNb, Locale.ENGLISH)).isEqualTo(NoticeHash.of(POLICY, Locale.ENGLISH));
    }

    @Test
    void changesWithEverythingAVisitorCouldSee() {
        String base = NoticeHash.of(POLICY, NB);

        assertThat(NoticeHash.of(load(POLICY_JSON.replace("\"P13M\"", "\"P25M\"")), NB)).as("retention").isNotEqualTo(base);
        assertThat(NoticeHash.of(load(POLICY_JSON.replace("\"Godta alle\"", "\"Ja takk\"")), NB)).as("banner label").isNotEqualTo(base);
        assertThat(NoticeHash.of(load(POLICY_JSON.replace("\"P2Y\"", "\"P1Y\"")), NB)).as("cookie duration").isNotEqualTo(base);
        assertThat(NoticeHash.of(load(POLICY_JSON.replace("\"version\": \"1.0\"", "\"version\": \"1.1\"")), NB)).as("version").isNotEqualTo(base);
        assertThat(NoticeHash.of(load(POLICY_JSON.replace("\"Butikken AS\"", "\"Butikken ASA\"")), NB)).as("controller").isNotEqualTo(base);
    }
}
