package dev.samtykke.servlet.internal;

import dev.samtykke.core.consent.ConsentState;
import dev.samtykke.servlet.UndeclaredCookiePolicy;
import dev.samtykke.servlet.UndeclaredCookies;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Random and mutated {@code Set-Cookie} headers, each judged by the cookie gate and by a reference
 * reading of the same header ({@link BrowserReading}, written from the RFC text) under the reference
 * policy, for two consent states and both undeclared-cookie settings. No header may pass the gate
 * that the reference would drop (a non-granted cookie reaching the browser); the gate should not drop
 * what the reference lets through either. Seeded: {@code -Dfuzz.seed=…} repeats a run.
 */
class CookieGateFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20_261_126L);
    private static final int HEADERS = Integer.getInteger("fuzz.headers", 120_000);
    private static final Instant NOW = CookieGateTest.CLOCK.instant();

    private static final String[] NAMES = {"_ga", "_ga_ABC123", "_ga_", "_fbp", "_fbc", "JSESSIONID", "consent",
        "", "", "_GA", "_ga ", "ga", "_g\u0430", "other", "_ga x", "\"_ga\"", "Path", "Max-Age", "_fbp\u00e9", "__Host-x"};
    private static final String[] VALUES = {"", "x", "GA1.1.123.456", "\"quoted\"", "_ga=x", "_fbp=1", "a=b=c",
        " spaced ", "\u00e9\u4e00", "=", "==", "_ga_XY=1", "consent=v", "JSESSIONID=1", "\t_ga = 1 "};
    private static final String[] SPACES = {"", "", "", " ", "  ", "\t", " \t "};
    private static final String[] SEPARATORS = {"; ", ";", " ; ", ";;", "; ;", ";\t"};
    private static final String[] MAX_AGE_NAMES = {"Max-Age", "max-age", "MAX-AGE", "mAx-AgE", " Max-Age ", "Max-Age\t",
        "Max-A\u0121e", "Max_Age", "MaxAge", "Max-Age\u00a0"};
    private static final String[] EXPIRES_NAMES = {"Expires", "expires", "EXPIRES", "eXpIrEs", " Expires", "Exp\u0131res",
        "Expire\u017f", "Expiry"};
    private static final String[] MAX_AGES = {"0", "0", "-1", "-0", "+5", "+0", "1", "63072000", "00", "-", "", "  0 ",
        "0x", "99999999999999999999", "-99999999999999999999", "1e3", "\"0\"", "\u0663", "0 0", "5s", "- 1", "--1",
        "0".repeat(1025), "-" + "9".repeat(1024)};
    private static final String[] OTHER_ATTRIBUTES = {"Path=/", "Domain=example.com", "Secure", "HttpOnly", "SameSite=Lax",
        "garbage", "", "=", "Partitioned", "Priority=High", "path", "x=Max-Age=0"};
    private static final String[] MONTH_NAMES = {"Jan", "jan", "JAN", "January", "Feb", "Nov", "nov", "Dec", "Jxn", "Ja",
        "Ju", "N\u00f6v", "Sept", "mAy"};
    private static final String[] DAY_NAMES = {"Thu", "Thursday", "Mon", "", "Wed,", "1st"};
    private static final String MUTATIONS = ";= \t\",-:/0123456789aAzZJnN\u00e9\u0131\u017f\u2028\u0000\r\n\u007f\u00a0";

    @Test
    void letsNoHeaderThroughThatABrowserWouldStoreAsANonGrantedCookie() {
        Random random = new Random(SEED);
        // A silent sink: the real one logs each of up to 1,000 random undeclared names at INFO.
        UndeclaredCookies sink = mock(UndeclaredCookies.class);
        CookieGate allow = CookieGateTest.gate(UndeclaredCookiePolicy.ALLOW, sink);
        CookieGate block = CookieGateTest.gate(UndeclaredCookiePolicy.BLOCK, sink);
        List<String> leaks = new ArrayList<>();
        List<String> overblocked = new ArrayList<>();
        int leakCount = 0;
        int overblockCount = 0;
        int deletions = 0;
        int nameless = 0;
        for (int n = 0; n < HEADERS; n++) {
            String header = header(random);
            BrowserReading reading = BrowserReading.of(header, NOW);
            deletions += reading.deletes(NOW) ? 1 : 0;
            nameless += reading.name.isEmpty() ? 1 : 0;
            for (ConsentState state : new ConsentState[] {CookieGateTest.NOTHING_GRANTED, CookieGateTest.ANALYTICS_ONLY}) {
                for (boolean allowUndeclared : new boolean[] {true, false}) {
                    boolean expected = referenceDecision(reading, state == CookieGateTest.ANALYTICS_ONLY, allowUndeclared);
                    boolean actual = (allowUndeclared ? allow : block).permitsHeader(header, state);
                    if (actual && !expected) {
                        leakCount++;
                        add(leaks, header, state, allowUndeclared);
                    } else if (!actual && expected) {
                        overblockCount++;
                        add(overblocked, header, state, allowUndeclared);
                    }
                }
            }
        }
        String report = "seed " + SEED + " (rerun with -Dfuzz.seed=" + SEED + "), " + HEADERS + " headers, "
                + deletions + " deletions, " + nameless + " nameless; " + leakCount
                + " let through that the reference drops: " + leaks + "; " + overblockCount
                + " dropped that the reference lets through: " + overblocked;
        assertThat(leakCount).as(report).isZero();
        assertThat(overblockCount).as(report).isZero();
        assertThat(deletions).as("the generator makes deletions too; " + report).isGreaterThan(HEADERS / 20);
        assertThat(nameless).as("the generator makes nameless cookies too; " + report).isGreaterThan(HEADERS / 20);
    }

    /**
     * The reference decision: a header a browser ignores for a control character is dropped; a deletion
     * passes; then the cookie under the name the server will see: the consent cookie passes, a declared
     * one when its purposes are granted (the reference policy's table, written out here), an undeclared
     * one (a nameless one without {@code =} included) as configured.
     */
    private static boolean referenceDecision(BrowserReading reading, boolean analyticsGranted, boolean allowUndeclared) {
        if (reading.controlCharacter) {
            return false;
        }
        if (reading.deletes(NOW)) {
            return true;
        }
        String name = reading.nameSentBack();
        if (name.equals("consent") || name.equals("JSESSIONID")) {
            return true; // the consent cookie; JSESSIONID and consent are necessary in the reference policy
        }
        if (name.equals("_ga") || name.startsWith("_ga_")) {
            return analyticsGranted;
        }
        if (name.equals("_fbp") || name.equals("_fbc")) {
            return false; // marketing is granted in neither state
        }
        return allowUndeclared;
    }

    private static void add(List<String> examples, String header, ConsentState state, boolean allowUndeclared) {
        if (examples.size() < 15) {
            examples.add(escape(header) + (state == CookieGateTest.ANALYTICS_ONLY ? " [analytics]" : " [nothing]")
                    + (allowUndeclared ? "" : " [block undeclared]"));
        }
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c > 0x7E) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (b.length() > 300) {
            b.setLength(300);
            b.append("…");
        }
        return b.append('"').toString();
    }

    static String header(Random random) {
        StringBuilder b = new StringBuilder();
        switch (random.nextInt(10)) {
            case 0 -> b.append(pick(random, VALUES)); // no '=' before the first ';' in most: nameless
            case 1 -> b.append(pick(random, SPACES)).append('=').append(pick(random, SPACES)).append(pick(random, NAMES))
                    .append(pick(random, SPACES)).append('=').append(pick(random, VALUES));
            default -> b.append(pick(random, SPACES)).append(pick(random, NAMES)).append(pick(random, SPACES)).append('=')
                    .append(pick(random, SPACES)).append(pick(random, VALUES));
        }
        int attributes = random.nextInt(7);
        for (int i = 0; i < attributes; i++) {
            b.append(pick(random, SEPARATORS)).append(attribute(random));
        }
        if (random.nextInt(3) == 0) {
            b.append(pick(random, new String[] {";", " ", "; ", "\t"}));
        }
        String header = b.toString();
        return random.nextInt(4) == 0 ? mutate(header, random) : header;
    }

    private static String attribute(Random random) {
        String eq = random.nextInt(12) == 0 ? "" : random.nextInt(12) == 0 ? " = " : "=";
        return switch (random.nextInt(8)) {
            case 0, 1, 2 -> pick(random, MAX_AGE_NAMES) + eq + pick(random, MAX_AGES);
            case 3, 4, 5 -> pick(random, EXPIRES_NAMES) + eq + date(random);
            default -> pick(random, OTHER_ATTRIBUTES);
        };
    }

    /** Dates in the usual formats, near now, far past and future, with 2- and 4-digit years, and broken ones. */
    static String date(Random random) {
        int day = random.nextInt(10) == 0 ? random.nextInt(34) : 1 + random.nextInt(28);
        String month = pick(random, MONTH_NAMES);
        String year = switch (random.nextInt(6)) {
            case 0 -> String.format("%02d", random.nextInt(100));
            case 1 -> pick(random, new String[] {"69", "70", "0069", "0070", "26", "2026", "99", "00", "1999", "2000"});
            case 2 -> String.valueOf(1600 + random.nextInt(600));
            case 3 -> pick(random, new String[] {"1600", "1601", "1969", "1970", "2027", "2069", "2070", "9999", "10000",
                "7", "069", "202"});
            default -> String.valueOf(2024 + random.nextInt(5));
        };
        String time = random.nextInt(8) == 0
                ? pick(random, new String[] {"24:00:00", "23:60:00", "00:00:60", "1:2:3", "001:00:00", "12:00", "12:00:00:00",
                    "11:59:59", "12:00:01"})
                : String.format("%02d:%02d:%02d", random.nextInt(24), random.nextInt(60), random.nextInt(60));
        if (random.nextInt(6) == 0) { // near now: 2026-11-25T12:00:00Z
            day = 24 + random.nextInt(3);
            month = "Nov";
            year = random.nextBoolean() ? "2026" : "26";
            time = pick(random, new String[] {"11:59:59", "12:00:00", "12:00:01", "00:00:00", "23:59:59"});
        }
        String dayName = pick(random, DAY_NAMES);
        String date = switch (random.nextInt(7)) {
            case 0 -> dayName + " " + day + "-" + month + "-" + year + " " + time + " GMT";
            case 1 -> dayName + " " + month + " " + (day < 10 ? " " : "") + day + " " + time + " " + year; // asctime
            case 2 -> year + " " + time + " " + month + " " + day; // any order
            case 3 -> "\"" + dayName + ", " + day + " " + month + " " + year + " " + time + " GMT\"";
            case 4 -> random.nextBoolean() ? "" : pick(random, new String[] {"never", "0", "-1", "Thu, 01 Jan 1970",
                "Thu, 01 Jan 1970 00:00:00 GMT", "Thu, 01 Jan 1970 00:00:00 GMT\u00e9", "Thu,01Jan1970 00:00:00GMT"});
            default -> dayName + ", " + (day < 10 ? "0" : "") + day + " " + month + " " + year + " " + time + " GMT";
        };
        return random.nextInt(10) == 0 ? mutate(date, random) : date;
    }

    private static String mutate(String s, Random random) {
        StringBuilder b = new StringBuilder(s);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            int at = b.length() == 0 ? 0 : random.nextInt(b.length() + 1);
            char c = MUTATIONS.charAt(random.nextInt(MUTATIONS.length()));
            switch (random.nextInt(3)) {
                case 0 -> b.insert(at, c);
                case 1 -> {
                    if (at < b.length()) {
                        b.setCharAt(at, c);
                    }
                }
                default -> {
                    if (at < b.length()) {
                        b.deleteCharAt(at);
                    }
                }
            }
        }
        return b.toString();
    }

    private static String pick(Random random, String[] options) {
        return options[random.nextInt(options.length)];
    }
}
