package dev.samtykke.servlet;

import dev.samtykke.core.consent.ConsentEvaluator;
import dev.samtykke.core.consent.ConsentMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cookies that scripts set in the browser, where no {@code Set-Cookie} passes the filter: a request
 * carrying one its consent does not allow is reported and answered with expiring {@code Set-Cookie}s on
 * the host and its parent domains, over real HTTP to Jetty with a real {@code Host}.
 */
class ScriptCookiesTest {

    private static final ConsentEvaluator EVALUATOR = new ConsentEvaluator(TestSite.POLICY, TestSite.CLOCK);
    private static final SamtykkeListenerTest.Recording EVENTS = new SamtykkeListenerTest.Recording();
    private static TestSite site;
    private static String analyticsOnly;

    @BeforeAll
    static void start() throws Exception {
        site = TestSite.startWithListeners(SamtykkeConfig.ofDefaults(), Map.of("/page", new Servlets.Page()), EVENTS);
        analyticsOnly = site.consentCookie(EVALUATOR.decide(ConsentEvaluator.newSubjectId(), ConsentMethod.CUSTOM,
                Map.of("analytics", true, "marketing", false)));
    }

    @AfterAll
    static void stop() throws Exception {
        site.close();
    }

    @BeforeEach
    void clearEvents() {
        EVENTS.events.clear();
    }

    @Test
    void withoutConsentAScriptSetCookieIsExpiredOnTheHostAndItsParentDomainsAndReported() throws Exception {
        String answer = get(site, "www.jackon.no", "_ga=GA1.2.3; JSESSIONID=node0; _ga_ABC123=GS1.1; consent=junk");

        assertThat(answer).startsWith("HTTP/1.1 200");
        List<String> ga = expiries(answer, "_ga");
        assertThat(ga).hasSize(3).allSatisfy(line -> assertThat(line).contains("Max-Age=0", "Path=/"));
        assertThat(ga).filteredOn(line -> !line.contains("Domain=")).hasSize(1);
        assertThat(ga).anySatisfy(line -> assertThat(line).containsIgnoringCase("Domain=www.jackon.no"));
        assertThat(ga).anySatisfy(line -> assertThat(line).containsIgnoringCase("Domain=jackon.no"));
        assertThat(expiries(answer, "_ga_ABC123")).hasSize(3);
        assertThat(expiries(answer, "JSESSIONID")).as("necessary").isEmpty();
        assertThat(expiries(answer, "consent")).as("the consent cookie, even a bad one").isEmpty();
        assertThat(EVENTS.events).containsExactly("violation _ga as _ga", "violation _ga_ABC123 as _ga_*");
    }

    @Test
    void withConsentGrantedNothingIsExpiredOrReported() throws Exception {
        String answer = get(site, "www.jackon.no", analyticsOnly + "; _ga=GA1.2.3; _ga_ABC123=GS1.1; JSESSIONID=node0");

        assertThat(answer).startsWith("HTTP/1.1 200");
        assertThat(answer).doesNotContainIgnoringCase("Max-Age=0");
        assertThat(EVENTS.events).isEmpty();
    }

    @Test
    void onlyTheCookiesOfPurposesNotGrantedAreExpired() throws Exception {
        String answer = get(site, "www.jackon.no", "_ga=GA1.2.3; " + analyticsOnly + "; _fbp=fb.1.2");

        assertThat(expiries(answer, "_ga")).isEmpty();
        assertThat(expiries(answer, "_fbp")).hasSize(3);
        assertThat(EVENTS.events).containsExactly("violation _fbp as _fbp");
    }

    @Test
    void aRequestWithoutCookiesGetsNoExpiry() throws Exception {
        String answer = get(site, "www.jackon.no", null);

        assertThat(answer).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("Max-Age=0");
        assertThat(EVENTS.events).isEmpty();
    }

    @Test
    void eachNameIsLoggedOnceWithoutItsValue() throws Exception {
        String log = capturingStandardError(() -> {
            for (int i = 0; i < 3; i++) {
                get(site, "www.jackon.no", "_fbc=secret-value-" + i + "; _ga_LOGGED=secret-value");
            }
        });

        assertThat(log.lines().filter(line -> line.contains("'_fbc'"))).hasSize(1);
        assertThat(log.lines().filter(line -> line.contains("'_ga_LOGGED'"))).hasSize(1);
        assertThat(log).doesNotContain("secret-value");
        assertThat(EVENTS.events).as("the listener hears every request").hasSize(6);
    }

    @Test
    void anUndeclaredCookieIsExpiredUnderBlockButNotUnderAllow() throws Exception {
        String allowed = get(site, "www.jackon.no", "mystery=1");
        assertThat(expiries(allowed, "mystery")).isEmpty();
        assertThat(EVENTS.events).isEmpty();

        SamtykkeListenerTest.Recording strictEvents = new SamtykkeListenerTest.Recording();
        try (TestSite strict = TestSite.startWithListeners(SamtykkeConfig.builder().cookieName("cc")
                .undeclaredCookies(UndeclaredCookiePolicy.BLOCK).build(), Map.of("/page", new Servlets.Page()), strictEvents)) {
            String blocked = get(strict, "www.jackon.no", "mystery=1; cc=junk; JSESSIONID=node0");

            assertThat(expiries(blocked, "mystery")).hasSize(3);
            assertThat(expiries(blocked, "cc")).as("the consent cookie under its configured name").isEmpty();
            assertThat(expiries(blocked, "JSESSIONID")).isEmpty();
            assertThat(strictEvents.events).containsExactly("violation mystery as null");
        }
    }

    /**
     * A decision expires what it denies itself, within one header budget: the filter leaves requests to
     * the endpoints alone, so that its expiries and the decision's cannot add up past a server's header
     * limit and lose the new consent cookie.
     */
    @Test
    void requestsToTheEndpointsAreLeftToThemWithinOneHeaderBudget() throws Exception {
        StringBuilder carried = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            carried.append(i == 0 ? "" : "; ").append("_ga_STREAM").append(i).append("=GS1.1");
        }

        String answer = send(site, "DELETE /consent", "a.b.www.jackon.no", carried.toString());

        assertThat(answer).startsWith("HTTP/1.1 200");
        int bytes = answer.lines().filter(line -> line.startsWith("Set-Cookie: _ga_STREAM")).mapToInt(line -> line.length() + 2).sum();
        assertThat(bytes).isBetween(ConsentEndpoints.MAX_EXPIRY_BYTES - 200, ConsentEndpoints.MAX_EXPIRY_BYTES);
        assertThat(answer.lines().filter(line -> line.startsWith("Set-Cookie: consent="))).hasSize(1);
        assertThat(EVENTS.events).filteredOn(e -> e.startsWith("violation")).isEmpty();
    }

    /** A raw GET /page with this Host and these cookies (none if {@code null}). */
    private static String get(TestSite on, String host, String cookies) throws Exception {
        return send(on, "GET /page", host, cookies);
    }

    private static String send(TestSite on, String requestLine, String host, String cookies) throws Exception {
        URI uri = on.uri("/");
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write((requestLine + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n"
                    + (cookies == null ? "" : "Cookie: " + cookies + "\r\n") + "\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static List<String> expiries(String answer, String name) {
        return answer.lines().filter(line -> line.regionMatches(true, 0, "Set-Cookie: " + name + "=", 0, name.length() + 13))
                .filter(line -> line.contains("Max-Age=0")).toList();
    }

    interface Action {
        void run() throws Exception;
    }

    /** What is written to standard error (where the test's SLF4J logger writes) while the action runs. */
    private static String capturingStandardError(Action action) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
