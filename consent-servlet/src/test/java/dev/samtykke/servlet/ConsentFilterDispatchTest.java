package dev.samtykke.servlet;

import dev.samtykke.core.consent.ConsentEvaluator;
import dev.samtykke.core.consent.ConsentMethod;
import jakarta.servlet.http.HttpServlet;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Enforcement beyond the first dispatch, in Jetty: error pages (after {@code sendError} and after an
 * exception), responses obtained through {@code startAsync()} without arguments, and
 * {@code AsyncContext.dispatch}. Each serves {@code _ga}, which must reach the browser only with consent.
 */
class ConsentFilterDispatchTest {

    private static final ConsentEvaluator EVALUATOR = new ConsentEvaluator(TestSite.POLICY, TestSite.CLOCK);
    private static TestSite site;
    private static String analyticsOnly;

    @BeforeAll
    static void start() throws Exception {
        site = TestSite.start(SamtykkeConfig.ofDefaults(),
                Map.of("/error-page", new Servlets.SetsGa(), "/missing", new Servlets.Missing(),
                        "/throws", new Servlets.Throws(), "/sets-ga", new Servlets.SetsGa()),
                (context, samtykke) -> {
                    ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
                    errors.addErrorPage(404, "/error-page");
                    errors.addErrorPage(UnsupportedOperationException.class, "/error-page");
                    context.setErrorHandler(errors);
                    context.addServlet(async(new Servlets.AsyncWrites()), "/async");
                    context.addServlet(async(new Servlets.AsyncDispatches("/sets-ga")), "/async-dispatch");
                });
        analyticsOnly = site.consentCookie(EVALUATOR.decide(ConsentEvaluator.newSubjectId(), ConsentMethod.CUSTOM,
                Map.of("analytics", true, "marketing", false)));
    }

    private static ServletHolder async(HttpServlet servlet) {
        ServletHolder holder = new ServletHolder(servlet);
        holder.setAsyncSupported(true);
        return holder;
    }

    @AfterAll
    static void stop() throws Exception {
        site.close();
    }

    @Test
    void anErrorPageAfterSendErrorIsGated() throws Exception {
        HttpResponse<String> without = site.get("/missing");
        HttpResponse<String> with = site.get("/missing", "Cookie", analyticsOnly);

        assertThat(without.statusCode()).isEqualTo(404);
        assertThat(without.body()).isEqualTo("ERROR analytics=false");
        assertThat(TestSite.setCookie(without, "_ga")).isNull();
        assertThat(with.statusCode()).isEqualTo(404);
        assertThat(with.body()).isEqualTo("ERROR analytics=true");
        assertThat(TestSite.setCookie(with, "_ga")).isNotNull();
    }

    @Test
    void anErrorPageForAnUnknownPathIsGated() throws Exception {
        HttpResponse<String> without = site.get("/no-such-page");

        assertThat(without.statusCode()).isEqualTo(404);
        assertThat(without.body()).isEqualTo("ERROR analytics=false");
        assertThat(TestSite.setCookie(without, "_ga")).isNull();
    }

    @Test
    void anErrorPageForAnExceptionIsGated() throws Exception {
        HttpResponse<String> without = site.get("/throws");
        HttpResponse<String> with = site.get("/throws", "Cookie", analyticsOnly);

        assertThat(without.statusCode()).isEqualTo(500);
        assertThat(without.body()).isEqualTo("ERROR analytics=false");
        assertThat(TestSite.setCookie(without, "_ga")).isNull();
        assertThat(with.statusCode()).isEqualTo(500);
        assertThat(TestSite.setCookie(with, "_ga")).isNotNull();
    }

    @Test
    void theResponseOfStartAsyncWithoutArgumentsIsGated() throws Exception {
        HttpResponse<String> without = site.get("/async");
        HttpResponse<String> with = site.get("/async", "Cookie", analyticsOnly);

        assertThat(without.statusCode()).isEqualTo(200);
        assertThat(without.body()).isEqualTo("async");
        assertThat(TestSite.setCookie(without, "_ga")).isNull();
        assertThat(TestSite.setCookie(without, "_fbp")).isNull();
        assertThat(with.body()).isEqualTo("async");
        assertThat(TestSite.setCookie(with, "_ga")).isNotNull();
        assertThat(TestSite.setCookie(with, "_fbp")).as("marketing not granted").isNull();
    }

    @Test
    void anAsyncDispatchIsGatedWithTheConsentBoundOnItsThread() throws Exception {
        HttpResponse<String> without = site.get("/async-dispatch");
        HttpResponse<String> with = site.get("/async-dispatch", "Cookie", analyticsOnly);

        assertThat(without.statusCode()).isEqualTo(200);
        assertThat(without.body()).isEqualTo("ASYNC analytics=false");
        assertThat(TestSite.setCookie(without, "_ga")).isNull();
        assertThat(with.body()).isEqualTo("ASYNC analytics=true");
        assertThat(TestSite.setCookie(with, "_ga")).isNotNull();
    }

    @Test
    void laterRequestsSeeTheirOwnConsentAfterEveryKindOfDispatch() throws Exception {
        for (int i = 0; i < 10; i++) {
            site.get("/missing", "Cookie", analyticsOnly);
            site.get("/throws", "Cookie", analyticsOnly);
            site.get("/async-dispatch", "Cookie", analyticsOnly);
            assertThat(site.get("/sets-ga").body()).isEqualTo("REQUEST analytics=false");
        }
    }
}
