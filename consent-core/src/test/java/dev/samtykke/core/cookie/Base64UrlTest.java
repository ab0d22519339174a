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
        assertThat(Base64Url.decode("AAA=")).as("padding").isNull();
        assertThat(Base64Url.decode("AA=A")).as("padding inside").isNull();
        assertThat(Base64Url.decode("A=AAAA")).as("padding inside").isNull();
        assertThat(Base64Url.decode("AAAA\u0141AA")).as("a character whose low byte is 'A'").isNull();
        assertThat(Base64Url.decode("AAAA\u0100AA")).as("a character whose low byte is 0").isNull();
        assertThat(Base64Url.decode("AA AAA")).as("white space").isNull();
        assertThat(Base64Url.decode("AAAA\nAAA")).as("a line break").isNull();
        assertThat(Base64Url.decode("AAAAA\u00c1")).as("a Latin-1 letter at the end").isNull();
    }

    /**
     * Against an oracle: a text is accepted exactly when it is the JDK's unpadded encoding of some bytes,
     * and then those bytes come out. Random texts and one-character changes of valid ones, short and long
     * (past the JDK's vectorised block size), with characters from inside and outside the alphabet.
     */
    @Test
    void acceptsExactlyTheCanonicalEncodings() {
        SplittableRandom random = new SplittableRandom(7);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char[] foreign = {'=', '+', '/', ' ', '\n', '.', '\u00e5', '\u0141', '\u0100', '\uff21', '\u0000', '\u007f'};
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[random.nextInt(300)];
            random.nextBytes(bytes);
            char[] text = encoder.encodeToString(bytes).toCharArray();
            if (text.length > 0 && random.nextBoolean()) {
                int at = random.nextInt(text.length);
                text[at] = random.nextInt(4) == 0 ? foreign[random.nextInt(foreign.length)]
                        : alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String value = new String(text);

            byte[] expected = oracle(value);
            assertThat(Base64Url.decode(value)).as("%s", value).isEqualTo(expected);
        }
    }

    private static byte[] oracle(String text) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(text);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(text) ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
