package dev.samtykke.core.consent;

import dev.samtykke.core.cookie.KeyRing;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccountKeyTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes();

    @Test
    void anAccountAlwaysGetsTheSameValidSubjectIdThatDoesNotShowItsName() {
        AccountKey key = new AccountKey(SECRET);

        String id = key.subjectIdOf("alice@example.com");

        assertThat(id).isEqualTo(new AccountKey(SECRET.clone()).subjectIdOf("alice@example.com"))
                .startsWith(AccountKey.PREFIX).hasSize(37).doesNotContain("alice");
        assertThat(ConsentEvaluator.isValidSubjectId(id)).isTrue();
        assertThat(AccountKey.isAccountSubject(id)).isTrue();
    }

    @Test
    void anotherKeyOrAnotherNameGivesAnotherId() {
        byte[] other = SECRET.clone();
        other[0] ^= 1;

        assertThat(new AccountKey(other).subjectIdOf("alice")).isNotEqualTo(new AccountKey(SECRET).subjectIdOf("alice"));
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(new AccountKey(SECRET).subjectIdOf("user" + i));
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void aDeviceSubjectIdIsNeverAnAccounts() {
        for (int i = 0; i < 1_000; i++) {
            assertThat(AccountKey.isAccountSubject(ConsentEvaluator.newSubjectId())).isFalse();
        }
    }

    @Test
    void shortKeysAndUnusableNamesAreRefused() {
        assertThatThrownBy(() -> new AccountKey(new byte[31])).hasMessageContaining("at least 32 bytes");
        AccountKey key = new AccountKey(SECRET);
        assertThatThrownBy(() -> key.subjectIdOf(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> key.subjectIdOf("x".repeat(1025))).isInstanceOf(IllegalArgumentException.class);
        assertThat(key.toString()).doesNotContain("0123");
    }

    @Test
    void theSigningKeyDerivesIndependentKeysThatDoNotRevealIt() {
        KeyRing keys = KeyRing.fromBase64("k1", Base64.getEncoder().encodeToString(SECRET), Map.of());

        byte[] account = keys.derivedKey("account");

        assertThat(account).hasSize(32).isEqualTo(keys.derivedKey("account")).isNotEqualTo(keys.derivedKey("other"))
                .isNotEqualTo(SECRET);
    }
}
