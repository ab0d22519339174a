package dev.samtykke.servlet.internal;

import dev.samtykke.core.consent.ConsentEvaluator;
import dev.samtykke.core.consent.ConsentState;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyLoader;
import dev.samtykke.servlet.SamtykkeListener;
import dev.samtykke.servlet.UndeclaredCookiePolicy;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The scan of a {@code Cookie} header for cookies its consent does not allow. */
class CookieViolationsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    /** A shop policy with a third-party cookie ({@code IDE} on doubleclick.net, analytics and marketing). */
    private static final ConsentPolicy SHOP = PolicyLoader.fromClasspath("diff/base.json");
    private static final ConsentPolicy JACKON = PolicyLoader.fromClasspath("policies/jackon.json");

    private static CookieViolations violations(ConsentPolicy policy, UndeclaredCookiePolicy undeclared) {
        return new CookieViolations(policy, java.util.List.of("consent", "__Host-consent"), "/consent", undeclared, null, false, new SamtykkeListener() { });
    }

    private static ConsentState none(ConsentPolicy policy) {
        return new ConsentEvaluator(policy, CLOCK).evaluate(null, false);
    }

    @Test
    void findsDeclaredFirstPartyCookiesOfPurposesNotGrantedOnly() {
        CookieViolations shop = violations(SHOP, UndeclaredCookiePolicy.BLOCK);

        List<String> found = shop.scan(" IDE=x;_ga=1 ; JSESSIONID=2;\t_ga_A1 = 3; consent=junk; _ga=again", none(SHOP), null);

        assertThat(found).as("third party, necessary, consent cookie left; each name once").containsExactly("_ga", "_ga_A1");
    }

    @Test
    void theConsentCookieUnderEitherAutomaticNameIsNeverAViolation() {
        CookieViolations jackon = violations(JACKON, UndeclaredCookiePolicy.BLOCK);

        assertThat(jackon.scan("__Host-consent=a; consent=b; mystery=c", none(JACKON), null)).containsExactly("mystery");
    }

    @Test
    void grantedCookiesAreNotFound() {
        ConsentState analytics = new ConsentEvaluator(SHOP, CLOCK).evaluate(new ConsentEvaluator(SHOP, CLOCK)
                .decide(ConsentEvaluator.newSubjectId(), dev.samtykke.core.consent.ConsentMethod.CUSTOM,
                        Map.of("analytics", true)), false);

        assertThat(violations(SHOP, UndeclaredCookiePolicy.ALLOW).scan("_ga=1; _ga_X=2; JSESSIONID=3", analytics, null)).isNull();
    }

    @Test
    void undeclaredCookiesCountUnderBlockOnly() {
        String header = "mystery=1; =novalue; justvalue; consent=1";

        assertThat(violations(JACKON, UndeclaredCookiePolicy.ALLOW).scan(header, none(JACKON), null)).isNull();
        assertThat(violations(JACKON, UndeclaredCookiePolicy.BLOCK).scan(header, none(JACKON), null))
                .as("pairs without a name are skipped").containsExactly("mystery");
    }

    @Test
    void readsEachHeaderOnlyUpToItsLimit() {
        String filler = "a=1;".repeat(CookieHeaders.MAX_HEADER / 4);
        CookieViolations jackon = violations(JACKON, UndeclaredCookiePolicy.ALLOW);

        assertThat(jackon.scan(filler + "_ga=1", none(JACKON), null)).isNull();
        assertThat(jackon.scan("_ga=1;" + filler, none(JACKON), null)).containsExactly("_ga");
        assertThat(jackon.scan(";".repeat(CookieHeaders.MAX_HEADER) + "_ga=1", none(JACKON), null)).isNull();
    }

    @Test
    void collectsAtMostABoundedNumberOfNamesPerRequest() {
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            header.append("_ga_").append(i).append("=1; ");
        }

        assertThat(violations(JACKON, UndeclaredCookiePolicy.ALLOW).scan(header.toString(), none(JACKON), null))
                .hasSize(CookieViolations.MAX_PER_REQUEST);
    }

    /** Runs on every request: a header without an offending cookie costs no allocation at all. */
    @Test
    void aHeaderWithoutOffendingCookiesAllocatesNothing() {
        CookieViolations jackon = violations(JACKON, UndeclaredCookiePolicy.BLOCK);
        ConsentState state = none(JACKON);
        String header = "consent=AbCdEf0123456789-_; JSESSIONID=node0abc";
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) {
            jackon.scan(header, state, null);
        }
        long calibrate = threads.getCurrentThreadAllocatedBytes();
        long overhead = threads.getCurrentThreadAllocatedBytes() - calibrate;

        long before = threads.getCurrentThreadAllocatedBytes();
        List<String> last = null;
        for (int i = 0; i < 10_000; i++) {
            last = jackon.scan(header, state, null);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before - overhead;

        assertThat(last).isNull();
        assertThat(allocated).as("bytes allocated by 10,000 scans (less than one per scan)").isLessThan(10_000);
    }

    @Test
    void afterAnAcceptanceOfEverythingOnlyAnUndeclaredCookieUnderBlockIsExpired() {
        ConsentEvaluator evaluator = new ConsentEvaluator(JACKON, CLOCK);
        ConsentState everything = evaluator.evaluate(evaluator.acceptAll(ConsentEvaluator.newSubjectId()), false);
        String header = "_ga=1; _fbp=2; mystery=3";

        jakarta.servlet.http.HttpServletResponse allowing = org.mockito.Mockito.mock(jakarta.servlet.http.HttpServletResponse.class);
        violations(JACKON, UndeclaredCookiePolicy.ALLOW).check(request(), header, allowing, everything);
        org.mockito.Mockito.verifyNoInteractions(allowing);

        jakarta.servlet.http.HttpServletResponse blocking = org.mockito.Mockito.mock(jakarta.servlet.http.HttpServletResponse.class);
        violations(JACKON, UndeclaredCookiePolicy.BLOCK).check(request(), header, blocking, everything);
        org.mockito.ArgumentCaptor<String> expiries = org.mockito.ArgumentCaptor.forClass(String.class);
        org.mockito.Mockito.verify(blocking, org.mockito.Mockito.atLeastOnce()).addHeader(org.mockito.Mockito.eq("Set-Cookie"),
                expiries.capture());
        assertThat(expiries.getAllValues()).isNotEmpty().allSatisfy(h -> assertThat(h).startsWith("mystery="));
    }

    private static jakarta.servlet.http.HttpServletRequest request() {
        jakarta.servlet.http.HttpServletRequest request = org.mockito.Mockito.mock(jakarta.servlet.http.HttpServletRequest.class);
        org.mockito.Mockito.when(request.getServletPath()).thenReturn("/page");
        org.mockito.Mockito.when(request.getServerName()).thenReturn("www.jackon.no");
        return request;
    }
}
