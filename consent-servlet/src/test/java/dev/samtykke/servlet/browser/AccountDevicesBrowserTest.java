package dev.samtykke.servlet.browser;

import static dev.samtykke.servlet.browser.BannerDriver.FIRST_LAYER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.samtykke.core.consent.AccountKey;
import dev.samtykke.core.cookie.KeyRing;
import dev.samtykke.core.ledger.InMemoryConsentLedger;
import dev.samtykke.servlet.Samtykke;
import dev.samtykke.servlet.SubjectResolver;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One account on two devices: two headless Chromium browsers with profiles (and so cookies) of their own, signed in
 * to the same account through a session. A decision made on one applies on the other without asking, and a
 * withdrawal on one stops tracking on the other at its next page, its tracking cookie expired.
 */
class AccountDevicesBrowserTest {

    private static final byte[] ACCOUNT_SECRET = new byte[32];
    private static Chromium chromium;
    private static Server server;
    private static String origin;
    private static final InMemoryConsentLedger LEDGER = new InMemoryConsentLedger();

    @BeforeAll
    static void start() throws Exception {
        chromium = Chromium.startOrSkip();
        new SecureRandom().nextBytes(ACCOUNT_SECRET);
        SubjectResolver bySession = request -> {
            HttpSession session = request.getSession(false);
            return session == null ? Optional.empty() : Optional.ofNullable((String) session.getAttribute("user"));
        };
        Samtykke samtykke = Samtykke.builder().policy(BannerSite.POLICY).keys(KeyRing.development()).ledger(LEDGER)
                .subjectResolver(bySession).accountKey(new AccountKey(ACCOUNT_SECRET)).build();
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.setSessionHandler(new SessionHandler());
        FilterHolder filter = new FilterHolder(samtykke.filter());
        filter.setAsyncSupported(true);
        context.addFilter(filter, "/*", EnumSet.allOf(DispatcherType.class));
        context.addServlet(new ServletHolder(samtykke.endpoints()), samtykke.endpointsMapping());
        context.addServlet(new ServletHolder(new Login()), "/login");
        context.addServlet(new ServletHolder(new TestPageServlet()), "/");
        server.setHandler(context);
        server.start();
        origin = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aDecisionAndItsWithdrawalFollowTheAccountToTheOtherDevice() throws Exception {
        BannerDriver laptop = new BannerDriver(chromium.open("en", Map.of()));
        BannerDriver phone = new BannerDriver(chromium.open("en", Map.of()));
        try {
            laptop.get(origin + "/login?user=alice");
            phone.get(origin + "/login?user=alice");

            laptop.get(origin + "/page?lang=en");
            laptop.button(laptop.firstLayer(), "Accept all").click();
            laptop.waitRan("analyticsRan");

            phone.get(origin + "/page?lang=en");
            phone.control();
            assertThat(phone.driver.findElements(FIRST_LAYER)).as("the phone is not asked again").isEmpty();
            phone.waitRan("analyticsRan");
            assertThat(phone.cookie("consent")).as("the phone has a consent cookie of its own").isNotNull()
                    .satisfies(c -> assertThat(c.getValue()).isNotEqualTo(laptop.cookie("consent").getValue()));
            phone.js("document.cookie = '_ga=GA1.2.3; path=/'");

            Thread.sleep(1_100); // decisions are kept to the second: the withdrawal must be the newer one
            Object status = laptop.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "fetch('/consent', {method: 'DELETE'}).then(r => done(r.status), e => done(String(e)))");
            assertThat(status).isEqualTo(200L);

            phone.driver.navigate().refresh();
            phone.control();
            assertThat(phone.ran("analyticsRan")).as("analytics after the withdrawal on the laptop").isFalse();
            assertThat(phone.cookie("_ga")).as("the phone's tracking cookie").isNull();
            assertThat(phone.driver.findElements(FIRST_LAYER)).as("a withdrawal is a decision: no new prompt").isEmpty();

            String account = new AccountKey(ACCOUNT_SECRET).subjectIdOf("alice");
            assertThat(LEDGER.history(account)).extracting(r -> r.method().id()).containsExactly("accept-all", "withdraw");
            assertThat(LEDGER.verify().isIntact()).isTrue();
        } finally {
            laptop.driver.quit();
            phone.driver.quit();
        }
    }

    /** {@code /login?user=alice} signs the browser in through its session. */
    static final class Login extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            request.getSession(true).setAttribute("user", request.getParameter("user"));
            response.setContentType("text/plain");
            response.getWriter().print("signed in");
        }
    }
}
