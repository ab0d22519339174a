package dev.samtykke.servlet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import dev.samtykke.core.testing.MutableClock;
import dev.samtykke.servlet.internal.DecisionRateLimiter;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A subject that changes its consent too often is answered 429 with Retry-After, and nothing changes. */
class DecisionRateLimitTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String cookieOf(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        return "consent=" + TestSite.cookieValue(response, "consent");
    }

    @Test
    void overTheLimitIs429WithRetryAfterAndNothingRecordedOrSet() throws Exception {
        MutableClock clock = new MutableClock(TestSite.NOW);
        try (TestSite site = TestSite.start(SamtykkeConfig.builder().decisionsPerMinute(3).build(), clock)) {
            String cookie = cookieOf(site.post("/consent", "{\"acceptAll\":true}"));
            for (int i = 0; i < 3; i++) {
                assertThat(site.post("/consent", "{\"rejectAll\":true}", "Cookie", cookie).statusCode()).isEqualTo(200);
            }
            int recorded = site.ledger.appended.size();

            HttpResponse<String> refused = site.post("/consent", "{\"acceptAll\":true}", "Cookie", cookie);
            HttpResponse<String> refusedDelete = site.delete("/consent", "Cookie", cookie);

            for (HttpResponse<String> response : java.util.List.of(refused, refusedDelete)) {
                assertThat(response.statusCode()).isEqualTo(429);
                assertThat(response.headers().firstValue("Retry-After")).hasValue("20");
                JsonNode error = JSON.readTree(response.body());
                assertThat(error.get("error").asString()).isEqualTo("too_many_requests");
                assertThat(error.get("detail").asString()).isNotEmpty();
                assertThat(TestSite.setCookies(response)).isEmpty();
            }
            assertThat(site.ledger.appended).hasSize(recorded);

            clock.advance(Duration.ofSeconds(19));
            assertThat(site.post("/consent", "{\"acceptAll\":true}", "Cookie", cookie).headers().firstValue("Retry-After"))
                    .hasValue("1");
            clock.advance(Duration.ofSeconds(1));
            assertThat(site.post("/consent", "{\"acceptAll\":true}", "Cookie", cookie).statusCode()).isEqualTo(200);
            assertThat(site.post("/consent", "{\"acceptAll\":true}", "Cookie", cookie).statusCode()).isEqualTo(429);
        }
    }

    @Test
    void oneSubjectsLimitDoesNotTouchAnother() throws Exception {
        MutableClock clock = new MutableClock(TestSite.NOW);
        try (TestSite site = TestSite.start(SamtykkeConfig.builder().decisionsPerMinute(1).build(), clock)) {
            String mine = cookieOf(site.post("/consent", "{\"acceptAll\":true}"));
            String theirs = cookieOf(site.post("/consent", "{\"acceptAll\":true}"));
            assertThat(site.post("/consent", "{\"rejectAll\":true}", "Cookie", mine).statusCode()).isEqualTo(200);
            assertThat(site.post("/consent", "{\"rejectAll\":true}", "Cookie", mine).statusCode()).isEqualTo(429);

            assertThat(site.post("/consent", "{\"rejectAll\":true}", "Cookie", theirs).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theDefaultLimitIsThirtyAMinuteAndZeroSwitchesItOff() throws Exception {
        MutableClock clock = new MutableClock(TestSite.NOW);
        try (TestSite site = TestSite.start(SamtykkeConfig.ofDefaults(), clock)) {
            String cookie = cookieOf(site.post("/consent", "{\"acceptAll\":true}"));
            for (int i = 0; i < 30; i++) {
                assertThat(site.post("/consent", "{\"rejectAll\":true}", "Cookie", cookie).statusCode()).isEqualTo(200);
            }
            assertThat(site.post("/consent", "{\"rejectAll\":true}", "Cookie", cookie).statusCode()).isEqualTo(429);
        }
        try (TestSite site = TestSite.start(SamtykkeConfig.builder().decisionsPerMinute(0).build(), clock)) {
            String cookie = cookieOf(site.post("/consent", "{\"acceptAll\":true}"));
            for (int i = 0; i < 100; i++) {
                assertThat(site.post("/consent", "{\"rejectAll\":true}", "Cookie", cookie).statusCode()).isEqualTo(200);
            }
        }
    }

    /** The documented limit of per-subject limiting: without a cookie every request is a new subject. */
    @Test
    void aVisitorWithoutACookieIsNotLimitedByIt() throws Exception {
        MutableClock clock = new MutableClock(TestSite.NOW);
        try (TestSite site = TestSite.start(SamtykkeConfig.builder().decisionsPerMinute(1).build(), clock)) {
            for (int i = 0; i < 5; i++) {
                assertThat(site.post("/consent", "{\"acceptAll\":true}").statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void theLimiterHoldsAFixedTableAndNeverRefusesOneSubjectForAnothersDecisions() {
        MutableClock clock = new MutableClock(TestSite.NOW);
        DecisionRateLimiter limiter = new DecisionRateLimiter(2, clock);
        assertThat(limiter.acquire("me")).isZero();
        assertThat(limiter.acquire("me")).isZero();
        assertThat(limiter.acquire("me")).isEqualTo(30);

        for (int i = 0; i < 10 * DecisionRateLimiter.SLOTS; i++) {
            assertThat(limiter.acquire("subject-" + i)).as("subject-%d", i).isZero();
        }
        clock.advance(Duration.ofMinutes(1));
        assertThat(limiter.acquire("me")).isZero();
        assertThat(limiter.acquire("me")).isZero();
        assertThat(limiter.acquire("me")).isPositive();
    }
}
