package dev.samtykke.servlet.internal;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CookiePairsTest {

    /** Each character is read at most this many times: the {@code ;} search, the name's spaces, its {@code =}, its value. */
    private static final int READS_PER_CHARACTER = 4;

    @Test
    void scansAHeaderOfNamelessPairsInLinearWork() {
        String header = "a;".repeat(512 * 1024); // 1 MiB, no '=' anywhere: each pair used to search to the end for one
        CountingChars chars = new CountingChars(header, (long) READS_PER_CHARACTER * CookiePairs.MAX_HEADER);

        assertThat(CookiePairs.find(chars, "consent")).isNull();
        assertThat(chars.reads()).isLessThanOrEqualTo((long) READS_PER_CHARACTER * CookiePairs.MAX_HEADER);
    }

    @Test
    void collectsNamesInLinearWorkWhateverTheHeaderHolds() {
        String[] headers = {
                "a;".repeat(8 * 1024),
                "a=;".repeat(5 * 1024),
                " ".repeat(16 * 1024),
                "x=" + "=".repeat(16 * 1024),
                "=;".repeat(8 * 1024),
                ";".repeat(64 * 1024),
                "n=\"" + "v".repeat(64 * 1024)};
        for (String header : headers) {
            int read = Math.min(header.length(), CookiePairs.MAX_HEADER);
            CountingChars chars = new CountingChars(header, (long) READS_PER_CHARACTER * read + 16);
            CookiePairs.addNames(chars, new LinkedHashSet<>());
            CookiePairs.find(new CountingChars(header, (long) READS_PER_CHARACTER * read + 16), "consent");
            assertThat(chars.reads()).as(header.substring(0, 8)).isLessThanOrEqualTo((long) READS_PER_CHARACTER * read + 16);
        }
    }

    /** A {@code String} header is scanned with {@code String.indexOf}; any other text char by char: both read alike. */
    @Test
    void aStringHeaderReadsAsAnyOtherText() {
        long seed = System.nanoTime();
        java.util.Random random = new java.util.Random(seed);
        String[] parts = {"a", "b", "consent", "=", "==", ";", "; ", " ", "\t", "\"", "x1", ";;"};
        for (int n = 0; n < 5_000; n++) {
            StringBuilder header = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) {
                header.append(parts[random.nextInt(parts.length)]);
            }
            String text = header.toString();
            for (String name : new String[] {"consent", "a", "b"}) {
                assertThat(CookiePairs.find(text, name)).as("seed %d, header [%s], %s", seed, text, name)
                        .isEqualTo(CookiePairs.find(new CountingChars(text, Long.MAX_VALUE), name));
            }
            Set<String> fromString = new LinkedHashSet<>();
            Set<String> fromText = new LinkedHashSet<>();
            CookiePairs.addNames(text, fromString);
            CookiePairs.addNames(new CountingChars(text, Long.MAX_VALUE), fromText);
            assertThat(fromString).as("seed %d, header [%s]", seed, text).containsExactlyElementsOf(fromText);
        }
    }

    @Test
    void readsNoFurtherThanTheLimit() {
        String header = "a=1; " + "b".repeat(CookiePairs.MAX_HEADER) + "=2; consent=x";
        assertThat(CookiePairs.find(header, "consent")).isNull();
        assertThat(CookiePairs.find(header, "a")).isEqualTo("1");
    }

    @Test
    void keepsNamesInOrderWithSpacesQuotesAndEmptyPairs() {
        Set<String> names = new LinkedHashSet<>();
        CookiePairs.addNames(" a = 1 ;\tb=\"2\";;=x; c ; d=", names);
        assertThat(names).containsExactly("a", "b", "d");
        assertThat(CookiePairs.find(" a = 1 ;\tb=\"2\";;=x; c ; d=", "b")).isEqualTo("2");
        assertThat(CookiePairs.find("a=\"\"", "a")).isEmpty();
        assertThat(CookiePairs.find("a=\"", "a")).isEqualTo("\"");
    }
}
