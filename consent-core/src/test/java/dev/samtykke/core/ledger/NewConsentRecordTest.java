package dev.samtykke.core.ledger;

import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.consent.ConsentMethod;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static dev.samtykke.core.ledger.LedgerFixtures.POLICY;
import static dev.samtykke.core.ledger.LedgerFixtures.T0;
import static dev.samtykke.core.ledger.LedgerFixtures.decision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NewConsentRecordTest {

    private static final ConsentDecision DECISION = decision("v", ConsentMethod.CUSTOM, T0, "stats", true);
    private static final String HASH = NoticeHash.of(POLICY, Locale.ENGLISH);

    @Test
    void keepsOnlyThePathOfTheCollectionPoint() {
        assertThat(new NewConsentRecord(DECISION, "en", "/shop?email=a@b.no", HASH).collectionPoint()).isEqualTo("/shop");
        assertThat(new NewConsentRecord(DECISION, "en", "/shop#top", HASH).collectionPoint()).isEqualTo("/shop");
        assertThat(new NewConsentRecord(DECISION, "en", "?q=1", HASH).collectionPoint()).isEqualTo("/");
        assertThat(new NewConsentRecord(DECISION, "en", "/a/b", HASH).collectionPoint()).isEqualTo("/a/b");
    }

    @Test
    void rejectsMissingOrMalformedParts() {
        assertThatThrownBy(() -> new NewConsentRecord(null, "en", "/", HASH)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("decision");
        assertThatThrownBy(() -> new NewConsentRecord(DECISION, null, "/", HASH)).hasMessageContaining("locale");
        assertThatThrownBy(() -> new NewConsentRecord(DECISION, "not a tag", "/", HASH)).hasMessageContaining("locale");
        assertThatThrownBy(() -> new NewConsentRecord(DECISION, "en", null, HASH)).hasMessageContaining("collectionPoint");
        assertThatThrownBy(() -> new NewConsentRecord(DECISION, "en", " ", HASH)).hasMessageContaining("collectionPoint");
        assertThatThrownBy(() -> new NewConsentRecord(DECISION, "en", "/" + "x".repeat(512), HASH))
                .hasMessageContaining("longer than 512");
        assertThatThrownBy(() -> new NewConsentRecord(DECISION, "en", "/a\nb", HASH)).hasMessageContaining("control character");
        assertThatThrownBy(() -> new NewConsentRecord(DECISION, "en", "/", "abc")).hasMessageContaining("noticeHash");
        assertThatThrownBy(() -> new NewConsentRecord(DECISION, "en", "/", HASH.toUpperCase())).hasMessageContaining("noticeHash");
    }

    @Test
    void rejectsBadSubjectIdsAndTooManyPurposes() {
        ConsentDecision blank = new ConsentDecision(" ", "shop", POLICY.version(), Map.of(), ConsentMethod.API, T0, T0);
        assertThatThrownBy(() -> new NewConsentRecord(blank, "en", "/", HASH)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subject id is blank");
        Map<String, Boolean> many = new HashMap<>();
        for (int i = 0; i <= NewConsentRecord.MAX_GRANTS; i++) {
            many.put("p" + i, true);
        }
        ConsentDecision tooMany = new ConsentDecision("v", "shop", POLICY.version(), many, ConsentMethod.API, T0, T0);
        assertThatThrownBy(() -> new NewConsentRecord(tooMany, "en", "/", HASH)).hasMessageContaining("at most 256 purposes");
    }

    @Test
    void ofComputesTheNoticeHashAndChecksThePolicy() {
        NewConsentRecord r = NewConsentRecord.of(DECISION, POLICY, Locale.ENGLISH, "/");

        assertThat(r.noticeHash()).isEqualTo(HASH);
        assertThat(r.locale()).isEqualTo("en");
        ConsentDecision otherVersion = new ConsentDecision("v", "shop", POLICY.version().nextMinor(), Map.of(), ConsentMethod.API, T0, T0);
        assertThatThrownBy(() -> NewConsentRecord.of(otherVersion, POLICY, Locale.ENGLISH, "/"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shop 1.1, not shop 1.0");
    }
}
