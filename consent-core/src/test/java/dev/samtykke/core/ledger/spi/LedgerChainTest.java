package dev.samtykke.core.ledger.spi;

import dev.samtykke.core.consent.ConsentMethod;
import dev.samtykke.core.ledger.ConsentRecord;
import dev.samtykke.core.ledger.LedgerFixtures;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

import static dev.samtykke.core.ledger.LedgerFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LedgerChainTest {

    @Test
    void shardOfIsStableAndSpreadsSubjectsEvenly() {
        assertThat(LedgerChain.shardOf("abc", 16)).isEqualTo(LedgerChain.shardOf("abc", 16)).isBetween(0, 15);
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int[] counts = new int[16];
        for (int i = 0; i < 16_000; i++) {
            byte[] id = new byte[16];
            random.nextBytes(id);
            counts[LedgerChain.shardOf(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(id), 16)]++;
        }
        for (int count : counts) {
            assertThat(count).as("seed %d", seed).isBetween(800, 1200);
        }
    }

    @Test
    void hashesDependOnEveryPartOfTheRecordAndItsPlace() {
        ConsentRecord r = LedgerChain.seal(LedgerFixtures.record("s", T0, true, false), "id-1", T0, 3, 7, LedgerChain.GENESIS_HASH);
        ConsentRecord moved = LedgerChain.seal(LedgerFixtures.record("s", T0, true, false), "id-1", T0, 3, 8, LedgerChain.GENESIS_HASH);
        ConsentRecord other = LedgerChain.seal(LedgerFixtures.record("s", T0, true, true), "id-1", T0, 3, 7, LedgerChain.GENESIS_HASH);

        assertThat(r.hash()).isEqualTo(LedgerChain.chainHash(3, 7, "id-1", LedgerChain.contentHash(r), LedgerChain.GENESIS_HASH));
        assertThat(moved.hash()).isNotEqualTo(r.hash());
        assertThat(LedgerChain.contentHash(moved)).isEqualTo(LedgerChain.contentHash(r));
        assertThat(LedgerChain.contentHash(other)).isNotEqualTo(LedgerChain.contentHash(r));
        assertThat(LedgerChain.chainHash(3, 7, "id-1", LedgerChain.contentHash(r), "f".repeat(64))).isNotEqualTo(r.hash());
    }

    @Test
    void grantsRoundTripAsCanonicalJson() {
        String json = LedgerChain.grantsJson(Map.of("z", false, "a", true, "m\"q", true));

        assertThat(json).isEqualTo("{\"a\":true,\"m\\\"q\":true,\"z\":false}");
        assertThat(LedgerChain.parseGrants(json)).containsExactly(Map.entry("a", true), Map.entry("m\"q", true), Map.entry("z", false));
        assertThatThrownBy(() -> LedgerChain.parseGrants("[1]")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordStatesFollowTheGrants() {
        ConsentRecord none = LedgerChain.seal(LedgerFixtures.record(LedgerFixtures.decision("s", ConsentMethod.API, T0)), "id", T0, 0, 1,
                LedgerChain.GENESIS_HASH);
        assertThat(none.state()).isEqualTo(ConsentRecord.State.REFUSED);
        assertThat(none.isExpiredAt(none.expiresAt())).isTrue();
        assertThat(none.isExpiredAt(T0)).isFalse();
    }
}
