package dev.samtykke.servlet.internal;

import dev.samtykke.core.consent.ConsentEvaluator;
import dev.samtykke.core.consent.ConsentMethod;
import dev.samtykke.core.consent.ConsentState;
import dev.samtykke.core.cookie.KeyRing;
import dev.samtykke.core.ledger.InMemoryConsentLedger;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyLoader;
import dev.samtykke.servlet.Samtykke;
import dev.samtykke.servlet.SamtykkeConfig;
import dev.samtykke.servlet.SamtykkeListener;
import dev.samtykke.servlet.UndeclaredCookiePolicy;
import dev.samtykke.servlet.UndeclaredCookies;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CookieGateTest {

    static final ConsentPolicy POLICY = PolicyLoader.fromClasspath("policies/jackon.json");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    static final ConsentEvaluator EVALUATOR = new ConsentEvaluator(POLICY, CLOCK);
    static final ConsentState NOTHING_GRANTED = EVALUATOR.evaluate(null, false);
    static final ConsentState ANALYTICS_ONLY = EVALUATOR.evaluate(EVALUATOR.decide(ConsentEvaluator.newSubjectId(),
            ConsentMethod.CUSTOM, Map.of("analytics", true, "marketing", false)), false);

    private static final KeyRing KEYS = KeyRing.fromBase64("t1",
            Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)), Map.of());
    private static final CookieGate ALLOWING = gate(UndeclaredCookiePolicy.ALLOW);
    private static final CookieGate BLOCKING = gate(UndeclaredCookiePolicy.BLOCK);

    /** A gate over the reference policy (_ga, _ga_*: analytics; _fbp: marketing; JSESSIONID, consent: necessary). */
    static CookieGate gate(UndeclaredCookiePolicy undeclared) {
        Samtykke samtykke = Samtykke.builder().policy(POLICY).keys(KEYS).ledger(new InMemoryConsentLedger()).clock(CLOCK)
                .config(SamtykkeConfig.builder().undeclaredCookies(undeclared).build()).build();
        return gate(undeclared, samtykke.undeclaredCookies());
    }

    /** A gate reporting undeclared cookies to this sink. */
    static CookieGate gate(UndeclaredCookiePolicy undeclared, UndeclaredCookies sink) {
        return new CookieGate(java.util.List.of("consent", "__Host-consent"), POLICY.cookies(), undeclared, sink, CLOCK, new SamtykkeListener() { });
    }

    @ParameterizedTest(name = "[{index}] {0}: nothing granted {1}, analytics granted {2}, undeclared blocked {3}")
    @CsvSource(delimiter = '|', textBlock = """
            _ga=x; Max-Age=63072000                  | false | true  | true
            _ga=x; Max-Age=0; Max-Age=63072000       | false | true  | true
            _ga=x; Max-Age=0                         | true  | true  | true
            =_ga=x                                   | false | true  | true
            =_ga=x; Path=/; Max-Age=63072000         | false | true  | true
            '  = _ga_XYZ = 1'                        | false | true  | true
            =_ga=x; Max-Age=0                        | true  | true  | true
            =_fbp=x                                  | false | false | false
            =x                                       | true  | true  | false
            _ga                                      | true  | true  | false
            _ga; Max-Age=63072000                    | true  | true  | false
            ==_ga=x                                  | true  | true  | false
            ''                                       | true  | true  | false
            _fbp=1; Expires=Thu, 01 Jan 0069 00:00:00 GMT | false | false | false
            _fbp=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT | true | true | true
            JSESSIONID=1; Path=/; HttpOnly           | true  | true  | true
            consent=abc; Max-Age=100                 | true  | true  | true
            =consent=abc                             | true  | true  | true
            other=1                                  | true  | true  | false
            consent=abc\\r\\nSet-Cookie: _ga=1        | false | false | false
            """)
    void judgesSetCookieHeadersAsBrowsersReadThem(String header, boolean nothingGranted, boolean analyticsGranted,
                                                   boolean undeclaredBlocked) {
        String value = header.replace("\\r", "\r").replace("\\n", "\n");
        assertThat(ALLOWING.permitsHeader(value, NOTHING_GRANTED)).as("nothing granted").isEqualTo(nothingGranted);
        assertThat(ALLOWING.permitsHeader(value, ANALYTICS_ONLY)).as("analytics granted").isEqualTo(analyticsGranted);
        assertThat(BLOCKING.permitsHeader(value, ANALYTICS_ONLY))
                .as("analytics granted, undeclared blocked").isEqualTo(undeclaredBlocked);
    }
}
