package dev.samtykke.core.cookie;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class Base64UrlTest {

    @Test
    void decodesWhatTheJdkEncodesForEveryLength() {
        SplittableRandom random = new SplittableRandom(42);
        for (int length = 0; length < 200; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            String text = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

            assertThat(Base64Url.decode(text)).as("length %d", length).isEqualTo(bytes);
            assertThat(Base64Url.decodedLength(text.length())).isEqualTo(length);
        }
    }

    @Test
    void rejectsNonZeroUnusedBits() {
        assertThat(Base64Url.decode("AA")).containsExactly(0);
        assertThat(Base64Url.decode("AB")).as("4 unused bits set").isNull();
        assertThat(Base64Url.decode("AAA")).containsExactly(0, 0);
        assertThat(Base64Url.decode("AAB")).as("2 unused bits set").isNull();
    }

    @Test
    void rejectsImpossibleLengthsPaddingAndForeignCharacters() {
        assertThat(Base64Url.decode("A")).isNull();
        assertThat(Base64Url.decode("AAAAA")).isNull();
        assertThat(Base64Url.decode("AA==")).isNull();
        assertThat(Base64Url.decode("AA+/")).isNull();
        assertThat(Base64Url.decode("AA\u00e5A")).isNull();
        assertThat(Base64Url.decode("AA\uff21A")).isNull();
        assertThat(Base64Url.decode("")).isEmpty();
    }
}
