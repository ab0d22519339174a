package dev.samtykke.benchmarks.filter;

import dev.samtykke.core.consent.ConsentEvaluator;
import dev.samtykke.core.consent.ConsentState;
import dev.samtykke.core.cookie.ConsentCookieCodec;
import dev.samtykke.core.cookie.KeyRing;
import dev.samtykke.core.ledger.InMemoryConsentLedger;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyLoader;
import dev.samtykke.servlet.ConsentContext;
import dev.samtykke.servlet.Samtykke;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;

/**
 * One typical request and {@code ConsentFilter}, without a container, for {@link ConsentFilterBenchmark} and
 * {@link FilterCpuTime}: a GET of {@code /f/page} carrying a valid accept-all consent cookie of the
 * reference policy (as {@code FilterLoadServer}'s requests do), alone as {@code wrk} sends it
 * ({@code consent}) or beside three other cookies a browser would send ({@code consent+3}). The chain
 * does what the load benchmark's page does (content type, length, 2 KB written) through the response
 * it is given. The cookie is verified once, when the fixture checks the filter, and then comes from the
 * filter's cache, as for a returning visitor.
 */
final class FilterFixture {

    private static final byte[] BODY = new byte[2048];

    final Filter consentFilter;
    final Filter passThrough = new PassThrough();
    final FakeRequest request;
    final FakeResponse response = new FakeResponse();
    final FilterChain page = new Page();

    /** What the load benchmark's servlet does with the response. */
    private static final class Page implements FilterChain {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response) throws IOException {
            response.setContentType("text/html;charset=utf-8");
            response.setContentLength(BODY.length);
            response.getOutputStream().write(BODY);
        }
    }

    /** The floor of any filter. */
    private static final class PassThrough implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            chain.doFilter(request, response);
        }
    }

    /**
     * The fixture, checked.
     *
     * @param cookies {@code consent} or {@code consent+3}
     */
    FilterFixture(String cookies) throws Exception {
        ConsentPolicy policy = PolicyLoader.fromLocation("classpath:policies/jackon.json");
        KeyRing keys = KeyRing.fromBase64("bench",
                Base64.getEncoder().encodeToString("benchmark-signing-key-of-32-bytes!".getBytes(StandardCharsets.US_ASCII)),
                Map.of());
        Samtykke samtykke = Samtykke.builder().policy(policy).keys(keys).ledger(new InMemoryConsentLedger()).build();
        consentFilter = samtykke.filter();
        String value = new ConsentCookieCodec(keys, policy, Clock.systemUTC())
                .encode(new ConsentEvaluator(policy, Clock.systemUTC()).acceptAll(ConsentEvaluator.newSubjectId()));
        String cookieHeader = switch (cookies) {
            case "consent" -> "consent=" + value;
            case "consent+3" -> "JSESSIONID=node01x5k2q9v7m3r1node0; consent=" + value
                    + "; _ga=GA1.1.1234567890.1764000000; lang=nb";
            default -> throw new IllegalArgumentException("cookies: " + cookies);
        };
        request = new FakeRequest("/f", "/page",
                "Host", "127.0.0.1:8080",
                "User-Agent", "wrk",
                "Accept", "*/*",
                "Cookie", cookieHeader);
        check();
    }

    /** The request gets the accept-all consent and the page, and nothing is added to the answer. */
    private void check() throws Exception {
        FilterChain checking = (req, res) -> {
            ConsentState state = ConsentContext.current();
            if (state.needsPrompt() || !state.allows("analytics") || !state.allows("marketing")) {
                throw new IllegalStateException("the benchmark cookie is not accepted: " + state);
            }
            page.doFilter(req, res);
        };
        for (int i = 0; i < 2; i++) { // the second time from the cache
            request.reset();
            response.clear();
            response.bytesWritten = 0;
            consentFilter.doFilter(request, response, checking);
            if (!(request.getAttribute(Samtykke.STATE_ATTRIBUTE) instanceof ConsentState)
                    || response.getStatus() != HttpServletResponse.SC_OK || response.bytesWritten != BODY.length
                    || response.headersAdded != 0 || ConsentContext.isBound()) {
                throw new IllegalStateException("the filter did not pass the request as expected");
            }
        }
    }

    /** The request through {@code ConsentFilter}. */
    long filtered() throws Exception {
        request.reset();
        response.clear();
        consentFilter.doFilter(request, response, page);
        return response.bytesWritten;
    }

    /** The request through a filter that only passes it on. */
    long passThrough() throws Exception {
        request.reset();
        response.clear();
        passThrough.doFilter(request, response, page);
        return response.bytesWritten;
    }
}
