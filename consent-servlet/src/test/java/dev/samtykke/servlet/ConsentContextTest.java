package dev.samtykke.servlet;

import dev.samtykke.core.consent.ConsentEvaluator;
import dev.samtykke.core.consent.ConsentState;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.Map;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The request-bound consent: bound once, released always. */
class ConsentContextTest {

    private final ConsentState state = new ConsentEvaluator(TestSite.POLICY, TestSite.CLOCK).evaluate(null, false);

    @AfterEach
    void nothingLeftBound() {
        assertThat(ConsentContext.isBound()).isFalse();
    }

    @Test
    void currentOutsideARequestFailsLoudly() {
        assertThat(ConsentContext.find()).isEmpty();
        assertThatThrownBy(ConsentContext::current).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ConsentFilter");
        assertThatThrownBy(() -> ConsentContext.allows("analytics")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void bindingTwiceFailsLoudlyAndClosingReleases() {
        try (ConsentContext.Binding binding = ConsentContext.bind(state)) {
            assertThat(ConsentContext.current()).isSameAs(state);
            assertThat(ConsentContext.allows("analytics")).isFalse();
            assertThat(ConsentContext.allows("security")).isTrue();
            assertThatThrownBy(() -> ConsentContext.bind(state)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already bound");
            assertThat(binding).isNotNull();
        }
        assertThat(ConsentContext.isBound()).isFalse();
    }

    /**
     * Runs on every request: binding and releasing leave nothing to collect but the binding itself (16
     * bytes). Releasing used to remove the thread's slot, so that every request made a new one (a
     * 32-byte weak reference) and tidied the thread's table.
     */
    @Test
    void aBindingLeavesOnlyItselfToCollect() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) {
            ConsentContext.bind(state).close();
        }
        long calibrate = threads.getCurrentThreadAllocatedBytes();
        long overhead = threads.getCurrentThreadAllocatedBytes() - calibrate;

        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++) {
            ConsentContext.bind(state).close();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before - overhead;

        assertThat(allocated).as("bytes allocated by 10,000 bindings (at most 24 each)").isLessThanOrEqualTo(24 * 10_000);
        assertThat(ConsentContext.isBound()).isFalse();
    }

    @Test
    void filterReleasesTheContextWhenTheApplicationThrows() {
        Samtykke samtykke = Samtykke.builder().policy(TestSite.POLICY).keys(TestSite.KEYS).ledger(new RecordingLedger()).build();
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getHeaders("Cookie")).thenReturn(Collections.emptyEnumeration());
        when(request.getServletPath()).thenReturn("/page");
        HttpServletResponse response = mock(HttpServletResponse.class);
        AtomicBoolean boundInside = new AtomicBoolean();
        FilterChain failing = (req, res) -> {
            boundInside.set(ConsentContext.isBound());
            throw new IllegalStateException("application failure");
        };

        assertThatThrownBy(() -> samtykke.filter().doFilter(request, response, failing))
                .isInstanceOf(IllegalStateException.class).hasMessage("application failure");
        assertThat(boundInside).isTrue();
        assertThat(ConsentContext.isBound()).isFalse();
    }

    /**
     * An async or error dispatch is not resolved again: the state of the first pass is bound on its
     * thread, and the container's response it is handed is gated again.
     */
    @Test
    void aLaterDispatchBindsTheFirstPassStateAndGatesTheResponseWithoutResolving() throws Exception {
        Samtykke samtykke = Samtykke.builder().policy(TestSite.POLICY).keys(TestSite.KEYS).ledger(new RecordingLedger()).build();
        for (jakarta.servlet.DispatcherType type : List.of(jakarta.servlet.DispatcherType.ASYNC,
                jakarta.servlet.DispatcherType.ERROR)) {
            HttpServletRequest request = mock(HttpServletRequest.class);
            when(request.getDispatcherType()).thenReturn(type);
            when(request.getAttribute(Samtykke.STATE_ATTRIBUTE)).thenReturn(state);
            HttpServletResponse response = mock(HttpServletResponse.class);
            List<Object> seen = new java.util.ArrayList<>();
            FilterChain chain = (req, res) -> {
                seen.add(ConsentContext.current());
                seen.add(((jakarta.servlet.ServletResponseWrapper) res).getResponse());
                ((HttpServletResponse) res).addHeader("Set-Cookie", "_ga=GA1.1.1; Path=/");
                ((HttpServletResponse) res).addHeader("Set-Cookie", "JSESSIONID=1; Path=/");
            };

            samtykke.filter().doFilter(request, response, chain);

            assertThat(seen).as("%s", type).containsExactly(state, response);
            org.mockito.Mockito.verify(response, org.mockito.Mockito.never()).addHeader("Set-Cookie", "_ga=GA1.1.1; Path=/");
            org.mockito.Mockito.verify(response).addHeader("Set-Cookie", "JSESSIONID=1; Path=/");
            org.mockito.Mockito.verify(request, org.mockito.Mockito.never()).getHeaders("Cookie");
            assertThat(ConsentContext.isBound()).isFalse();
        }
    }

    @Test
    void requestsAfterFailingRequestsSeeTheirOwnConsent() throws Exception {
        HttpServlet boom = new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException {
                throw new ServletException("boom with consent " + ConsentContext.current().granted());
            }
        };
        try (TestSite site = TestSite.start(SamtykkeConfig.ofDefaults(), Map.of("/boom", boom, "/page", new Servlets.Page()))) {
            String accepted = site.consentCookie(new ConsentEvaluator(TestSite.POLICY, TestSite.CLOCK)
                    .acceptAll(ConsentEvaluator.newSubjectId()));
            for (int i = 0; i < 8; i++) {
                assertThat(site.get("/boom", "Cookie", accepted).statusCode()).isEqualTo(500);
            }
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> page = site.get("/page");
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.body()).isEqualTo("analytics=false marketing=false same=true");
            }
        }
    }
}
