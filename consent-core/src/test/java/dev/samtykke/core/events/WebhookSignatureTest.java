package dev.samtykke.core.events;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSignatureTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Instant AT = Instant.parse("2026-11-26T12:00:00Z");
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private final WebhookSignature signature = new WebhookSignature(SECRET);

    @Test
    void aSignatureVerifiesWithTheSameSecretAndBody() {
        String header = signature.sign(AT, "{\"a\":1}");

        assertThat(header).matches("t=1795694400,v1=[0-9a-f]{64}");
        assertThat(signature.verify(header, "{\"a\":1}", AT.plusSeconds(30), FIVE_MINUTES)).isTrue();
    }

    @Test
    void isTheHmacOfTimeDotBodyAsDocumented() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET, "HmacSHA256"));
        String expected = java.util.HexFormat.of().formatHex(mac.doFinal("1795694400.{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(signature.sign(AT, "{}")).isEqualTo("t=1795694400,v1=" + expected);
    }

    @Test
    void rejectsAnAlteredBodyAnotherSecretAnAlteredTimeAndAReplayTooOld() {
        String header = signature.sign(AT, "{\"a\":1}");

        assertThat(signature.verify(header, "{\"a\":2}", AT, FIVE_MINUTES)).isFalse();
        assertThat(new WebhookSignature("another-secret-of-32-bytes......".getBytes(StandardCharsets.US_ASCII))
                .verify(header, "{\"a\":1}", AT, FIVE_MINUTES)).isFalse();
        assertThat(signature.verify(header.replace("t=1795694400", "t=1795694460"), "{\"a\":1}", AT, FIVE_MINUTES)).isFalse();
        assertThat(signature.verify(header, "{\"a\":1}", AT.plus(FIVE_MINUTES).plusSeconds(1), FIVE_MINUTES)).as("replayed later").isFalse();
        assertThat(signature.verify(header, "{\"a\":1}", AT.minus(FIVE_MINUTES).minusSeconds(1), FIVE_MINUTES)).as("from the future").isFalse();
    }

    @Test
    void malformedHeadersAreFalseNeverAnError() {
        for (String header : new String[] {null, "", "t=", "v1=00", "t=abc,v1=" + "0".repeat(64), "t=1795694400",
                "t=1795694400,v1=" + "z".repeat(64), "t=1795694400,v1=" + "0".repeat(63), "x".repeat(10_000)}) {
            assertThat(signature.verify(header, "{}", AT, FIVE_MINUTES)).as(String.valueOf(header)).isFalse();
        }
    }

    @Test
    void refusesAShortSecretAndNeverShowsIt() {
        assertThatThrownBy(() -> new WebhookSignature(new byte[15])).isInstanceOf(IllegalArgumentException.class);
        assertThat(signature.toString()).doesNotContain("0123456789abcdef");
    }
}
