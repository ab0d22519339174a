package dev.samtykke.core.cookie;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyRingTest {

    @Test
    void signsWithOneKeyAndVerifiesWithAll() {
        Map<String, String> verifying = new LinkedHashMap<>();
        verifying.put("k1", Signing.KEY_1_BASE64);
        verifying.put("k0", Base64.getEncoder().encodeToString(new byte[48]));

        KeyRing ring = KeyRing.fromBase64("k2", Signing.KEY_2_BASE64, verifying);

        assertThat(ring.signingKeyId()).isEqualTo("k2");
        assertThat(ring.verifyingKeyIds()).containsExactly("k2", "k1", "k0");
        assertThat(ring.isDevelopment()).isFalse();
    }

    @Test
    void refusesAKeyShorterThan32BytesWithAClearMessage() {
        String short31 = Base64.getEncoder().encodeToString(new byte[31]);

        assertThatThrownBy(() -> KeyRing.fromBase64("k1", short31, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key 'k1' is 31 bytes; at least 32 bytes");
        assertThatThrownBy(() -> KeyRing.fromBase64("k1", Signing.KEY_1_BASE64, Map.of("old", short31)))
                .hasMessageContaining("key 'old' is 31 bytes");
    }

    @Test
    void refusesAMissingOrMalformedKeyWithoutEchoingIt() {
        assertThatThrownBy(() -> KeyRing.fromBase64("k1", null, Map.of())).hasMessageContaining("key 'k1' is missing");
        assertThatThrownBy(() -> KeyRing.fromBase64("k1", "  ", Map.of())).hasMessageContaining("missing");
        assertThatThrownBy(() -> KeyRing.fromBase64("k1", "s3cr3t!!not*base64", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key 'k1' is not valid base64")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void refusesMalformedKeyIds() {
        for (String id : new String[] {null, "", "with space", "k".repeat(33), "ключ"}) {
            assertThatThrownBy(() -> KeyRing.fromBase64(id, Signing.KEY_1_BASE64, Map.of())).as(String.valueOf(id))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid key id");
        }
    }

    @Test
    void refusesOneIdForTwoKeys() {
        assertThatThrownBy(() -> KeyRing.fromBase64("k1", Signing.KEY_1_BASE64, Map.of("k1", Signing.KEY_2_BASE64)))
                .hasMessageContaining("key id 'k1' is given twice");
        assertThat(KeyRing.fromBase64("k1", Signing.KEY_1_BASE64, Map.of("k1", Signing.KEY_1_BASE64)).verifyingKeyIds())
                .as("the same key repeated is harmless").containsExactly("k1");
    }

    @Test
    void acceptsBothBase64AlphabetsWithOrWithoutPaddingAndSurroundingSpace() {
        byte[] key = new byte[33];
        key[0] = (byte) 0xfb; // encodes to '+'/'-' and '/'/'_' characters
        key[1] = (byte) 0xff;
        String standard = Base64.getEncoder().encodeToString(key);
        String url = Base64.getUrlEncoder().withoutPadding().encodeToString(key);

        assertThat(standard).containsAnyOf("+", "/");
        KeyRing a = KeyRing.fromBase64("k", standard, null);
        KeyRing b = KeyRing.fromBase64("k", " " + url + "\n", null);

        assertThat(Signing.sign(new byte[] {1, 2, 3}, key)).isNotEmpty();
        assertThat(a.signingKey().mac().doFinal(new byte[] {1})).isEqualTo(b.signingKey().mac().doFinal(new byte[] {1}));
    }

    @Test
    void neverShowsKeyMaterial() {
        KeyRing ring = KeyRing.fromBase64("k2", Signing.KEY_2_BASE64, Map.of("k1", Signing.KEY_1_BASE64));

        assertThat(ring.toString()).contains("k2", "k1").doesNotContain(Signing.KEY_1_BASE64, Signing.KEY_2_BASE64);
    }

    @Test
    void developmentRingsHaveFreshRandomKeys() {
        KeyRing a = KeyRing.development();
        KeyRing b = KeyRing.development();

        assertThat(a.isDevelopment()).isTrue();
        assertThat(a.signingKeyId()).isEqualTo(KeyRing.DEVELOPMENT_KEY_ID);
        assertThat(a.signingKey().mac().doFinal(new byte[] {1})).isNotEqualTo(b.signingKey().mac().doFinal(new byte[] {1}));
    }

    @Test
    void warnsAboutTheDevelopmentKeyOnlyOnce() {
        AtomicBoolean warned = new AtomicBoolean();
        Logger log = LoggerFactory.getLogger(KeyRingTest.class);

        assertThat(KeyRing.warnOnce(warned, log)).isTrue();
        assertThat(KeyRing.warnOnce(warned, log)).isFalse();
        assertThat(warned).isTrue();
    }

    @Test
    void eachThreadGetsItsOwnMac() throws InterruptedException {
        KeyRing ring = Signing.ring1();
        javax.crypto.Mac[] other = new javax.crypto.Mac[1];
        Thread thread = new Thread(() -> other[0] = ring.signingKey().mac());
        thread.start();
        thread.join();

        assertThat(ring.signingKey().mac()).isSameAs(ring.signingKey().mac()).isNotSameAs(other[0]);
    }

    @Test
    void aMacLeftMidComputationIsResetBeforeReuse() {
        KeyRing ring = Signing.ring1();
        byte[] expected = ring.signingKey().mac().doFinal(new byte[] {42});

        ring.signingKey().mac().update(new byte[] {1, 2, 3}); // abandoned

        assertThat(ring.signingKey().mac().doFinal(new byte[] {42})).isEqualTo(expected);
    }
}
