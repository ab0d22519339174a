package dev.samtykke.core.ledger;

import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.consent.ConsentMethod;
import dev.samtykke.core.ledger.spi.LedgerChain;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyLoader;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hashes and bytes that stored ledgers, records and exports carry, pinned as the library computed them on
 * Jackson 2 (before the move to Jackson 3): a stored ledger must still verify, a stored notice hash must still
 * match its policy, and an export must keep its bytes, whatever JSON library writes them.
 */
class StoredHashesTest {

    private static final ConsentPolicy JACKON = jackonAsOfJackson2();
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Instant AT = Instant.parse("2026-11-01T08:30:00Z");
    private static final String SUBJECT = "k3L9xQ2mZ8pW4vB7nR1tYa";

    /**
     * The reference policy as it was when the hashes were pinned: without the services' {@code hosts} and the purposes'
     * {@code objectable}, which came later (a policy that declares them has a notice hash of its own; one without keeps
     * the old).
     */
    private static ConsentPolicy jackonAsOfJackson2() {
        try (InputStream in = StoredHashesTest.class.getResourceAsStream("/policies/jackon.json")) {
            ObjectNode doc = (ObjectNode) new ObjectMapper().readTree(in);
            doc.withArray("services").forEach(service -> ((ObjectNode) service).remove("hosts"));
            doc.withArray("purposes").forEach(purpose -> ((ObjectNode) purpose).remove("objectable"));
            return PolicyLoader.fromString(doc.toString(), PolicyLoader.Format.JSON, "jackon.json without hosts");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A record whose collection point holds a letter beyond the Basic Multilingual Plane (U+1F600). */
    private static ConsentRecord record() {
        Map<String, Boolean> grants = new LinkedHashMap<>();
        grants.put("marketing", false);
        grants.put("analytics", true);
        ConsentDecision d = new ConsentDecision(SUBJECT, JACKON.id(), JACKON.version(), grants, ConsentMethod.CUSTOM, AT,
                AT.plus(Duration.ofDays(365)));
        return LedgerChain.seal(NewConsentRecord.of(d, JACKON, Locale.forLanguageTag("nb"), "/s\u00e5 \uD83D\uDE00"),
                "00000000-0000-4000-8000-000000000001", AT, 0, 1, LedgerChain.GENESIS_HASH);
    }

    @Test
    void noticeHashesOfTheReferencePolicyAreUnchanged() {
        assertThat(NoticeHash.of(JACKON, Locale.forLanguageTag("nb")))
                .isEqualTo("ddae51d96eaf1b046188b314dffb582c6fe14022261b143656a1592b1d9131e9");
        assertThat(NoticeHash.of(JACKON, Locale.ENGLISH))
                .isEqualTo("4650f6f767c179a4b6f0b9686510968b5c4eaa946bdbbc821676d787af660862");
    }

    @Test
    void contentAndChainHashesOfAStoredRecordAreUnchanged() {
        ConsentRecord r = record();

        assertThat(LedgerChain.contentHash(r)).isEqualTo("16c2140f82797b379e3bbfc2d96eec80c9e288f43e2782fb2b46ce76f6cb529e");
        assertThat(r.hash()).isEqualTo("566c63c65edd681f73b4cd2fea46799893390bf8d658e980935ed2f5fc11cc90");
        assertThat(LedgerChain.grantsJson(r.grants())).isEqualTo("{\"analytics\":true,\"marketing\":false}");
    }

    @Test
    void exportBytesAreUnchangedWithALetterBeyondTheBasicPlane() throws Exception {
        ConsentRecord r = record();
        ByteArrayOutputStream page = new ByteArrayOutputStream();
        ConsentRecordExport.writePage(page, SUBJECT, new ConsentRecordExport.Page(List.of(r), null, 1, null), JACKON, NOW);

        // The streamed page escapes U+1F600 as a surrogate pair, as Jackson 2 wrote it.
        assertThat(page.toString(StandardCharsets.UTF_8)).contains("/s\u00e5 \\uD83D\\uDE00");
        assertThat(LedgerChain.sha256Hex(page.toByteArray()))
                .isEqualTo("9ec982ba88f30ba4592f0e9af5dea9998b7ed0d4d1c7cd1b7094deff08f83048");
        String export = ConsentRecordExport.toJson(SUBJECT, List.of(r), JACKON, NOW);
        assertThat(LedgerChain.sha256Hex(export.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("5860ed74442f3699c294fbb32b4af704de10949d77f282454cbb84587e0b4f2b");
    }
}
