package dev.samtykke.servlet;

import dev.samtykke.core.consent.AccountKey;
import dev.samtykke.core.consent.ConsentMethod;
import dev.samtykke.core.ledger.NewConsentRecord;
import dev.samtykke.core.testing.MutableClock;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consent that follows a signed-in account across devices, over real HTTP to Jetty: each device is an HTTP client
 * with a cookie store of its own (its own session, its own consent cookie), and the account is signed in through a
 * session, as an application's login would.
 */
class AccountLinksTest {

    private static final byte[] ACCOUNT_SECRET = "account-key-account-key-account-".getBytes();

    private final MutableClock clock = new MutableClock(TestSite.NOW);
    private final SamtykkeListenerTest.Recording events = new SamtykkeListenerTest.Recording();
    private TestSite site;

    @BeforeEach
    void start() throws Exception {
        site = TestSite.startWith(Map.of("/page", new Page(), "/login", new Login()), clock,
                builder -> builder.subjectResolver(Login.RESOLVER).accountKey(new AccountKey(ACCOUNT_SECRET))
                        .listener(events));
    }

    @AfterEach
    void stop() throws Exception {
        site.close();
    }

    @Test
    void aSignedInVisitorsDecisionIsRecordedForTheDeviceAndTheAccountInOneGo() throws Exception {
        Device laptop = new Device().signIn("alice");

        HttpResponse<String> answer = laptop.post("/consent", "{\"purposes\":{\"analytics\":true,\"marketing\":false}}");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(site.ledger.appended).hasSize(2);
        NewConsentRecord device = site.ledger.appended.get(0);
        NewConsentRecord account = site.ledger.appended.get(1);
        assertThat(AccountKey.isAccountSubject(device.decision().subjectId())).isFalse();
        assertThat(account.decision().subjectId()).isEqualTo(new AccountKey(ACCOUNT_SECRET).subjectIdOf("alice"));
        assertThat(account.decision().grants()).isEqualTo(device.decision().grants())
                .containsEntry("analytics", true).containsEntry("marketing", false);
        assertThat(account.decision().method()).isEqualTo(ConsentMethod.CUSTOM);
        assertThat(account.decision().decidedAt()).isEqualTo(device.decision().decidedAt());
        assertThat(account.noticeHash()).isEqualTo(device.noticeHash());
        assertThat(site.ledger.appended).allSatisfy(r -> assertThat(r.toString()).doesNotContain("alice"));
    }

    @Test
    void anotherDeviceTakesTheAccountsDecisionAtSignInWithoutAsking() throws Exception {
        Device laptop = new Device().signIn("alice");
        laptop.post("/consent", "{\"purposes\":{\"analytics\":true,\"marketing\":false}}");
        clock.advance(Duration.ofMinutes(5));
        Device phone = new Device();
        assertThat(phone.get("/page").body()).startsWith("analytics=false");

        phone.signIn("alice");
        HttpResponse<String> page = phone.get("/page");

        assertThat(page.body()).startsWith("analytics=true marketing=false");
        assertThat(TestSite.setCookie(page, "consent")).contains("HttpOnly", "Max-Age=");
        NewConsentRecord synced = site.ledger.last();
        assertThat(synced.decision().method()).isEqualTo(ConsentMethod.ACCOUNT);
        assertThat(synced.decision().subjectId()).isNotEqualTo(site.ledger.appended.get(0).decision().subjectId());
        assertThat(synced.decision().decidedAt()).isEqualTo(TestSite.NOW.plus(Duration.ofMinutes(5)));
        assertThat(synced.decision().expiresAt()).as("the account's decision keeps its lifetime")
                .isEqualTo(site.ledger.appended.get(0).decision().expiresAt());
        assertThat(synced.collectionPoint()).isEqualTo("/page");
        assertThat(phone.get("/consent").body()).contains("\"needsPrompt\":false", "\"method\":\"account\"");
        assertThat(events.events).contains("decision account");

        int records = site.ledger.appended.size();
        phone.get("/page");
        phone.get("/page");
        assertThat(site.ledger.appended).as("applied once: the new cookie is as new as the account's decision")
                .hasSize(records);
    }

    @Test
    void aWithdrawalOnOneDeviceReachesTheOtherAtItsNextRequestAndExpiresItsTrackingCookies() throws Exception {
        Device laptop = new Device().signIn("alice");
        Device phone = new Device().signIn("alice");
        laptop.post("/consent", "{\"purposes\":{\"analytics\":true,\"marketing\":true}}");
        clock.advance(Duration.ofSeconds(30));
        assertThat(phone.get("/page").body()).startsWith("analytics=true marketing=true");
        phone.plant("_ga", "GA1.2.3");

        clock.advance(Duration.ofMinutes(1));
        assertThat(laptop.delete("/consent").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> next = phone.get("/page");

        assertThat(next.body()).startsWith("analytics=false marketing=false");
        assertThat(TestSite.setCookies(next)).anySatisfy(h -> assertThat(h).startsWith("_ga=").contains("Max-Age=0"));
        assertThat(site.ledger.last().decision().method()).isEqualTo(ConsentMethod.ACCOUNT);
        assertThat(site.ledger.last().decision().grants()).containsEntry("analytics", false);
        assertThat(events.events).as("expired as a withdrawal, not reported as set by a script")
                .noneMatch(e -> e.startsWith("violation"));
    }

    @Test
    void aSignedOutDeviceIsNotLookedUpOrChanged() throws Exception {
        Device laptop = new Device().signIn("alice");
        laptop.post("/consent", "{\"purposes\":{\"analytics\":true,\"marketing\":true}}");
        laptop.signOut();
        clock.advance(Duration.ofMinutes(1));

        HttpResponse<String> page = new Device().get("/page");

        assertThat(page.body()).startsWith("analytics=false");
        assertThat(TestSite.setCookie(page, "consent")).isNull();
        assertThat(site.ledger.appended).hasSize(2);
    }

    @Test
    void theDevicesOwnNewerDecisionStands() throws Exception {
        Device laptop = new Device().signIn("alice");
        laptop.post("/consent", "{\"purposes\":{\"analytics\":true,\"marketing\":true}}");
        clock.advance(Duration.ofMinutes(1));
        Device phone = new Device();
        phone.post("/consent", "{\"purposes\":{\"analytics\":false,\"marketing\":false}}");
        clock.advance(Duration.ofMinutes(1));

        phone.signIn("alice");
        HttpResponse<String> page = phone.get("/page");

        assertThat(page.body()).startsWith("analytics=false marketing=false");
        assertThat(TestSite.setCookie(page, "consent")).isNull();
    }

    @Test
    void anAccountDecisionThatNoLongerCountsIsNotApplied() throws Exception {
        Device laptop = new Device().signIn("alice");
        laptop.post("/consent", "{\"purposes\":{\"analytics\":true,\"marketing\":true}}");
        clock.set(TestSite.NOW.atOffset(ZoneOffset.UTC).plus(Period.ofMonths(13)).toInstant());
        Device phone = new Device().signIn("alice");

        HttpResponse<String> page = phone.get("/page");

        assertThat(page.body()).startsWith("analytics=false");
        assertThat(TestSite.setCookie(page, "consent")).isNull();
        assertThat(phone.get("/consent").body()).contains("\"needsPrompt\":true");
        assertThat(site.ledger.appended).hasSize(2);
    }

    @Test
    void withTheLedgerDownTheDevicesOwnStateStandsAndThePageIsServed() throws Exception {
        Device laptop = new Device().signIn("alice");
        laptop.post("/consent", "{\"purposes\":{\"analytics\":true,\"marketing\":true}}");
        clock.advance(Duration.ofMinutes(1));
        Device phone = new Device().signIn("alice");
        site.ledger.failing = true;

        HttpResponse<String> page = phone.get("/page");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).startsWith("analytics=false");
        assertThat(TestSite.setCookie(page, "consent")).isNull();
    }

    @Test
    void aResolverThatThrowsCountsAsSignedOut() throws Exception {
        try (TestSite broken = TestSite.startWith(Map.of("/page", new Page()), clock,
                builder -> builder.subjectResolver(request -> {
                    throw new IllegalStateException("no security context");
                }))) {
            HttpResponse<String> page = broken.get("/page");

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).startsWith("analytics=false");
            assertThat(broken.ledger.appended).isEmpty();
        }
    }

    /** What the application sees of the request's consent (and unlike {@link Servlets.Page}, it keeps the session). */
    static final class Page extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.getWriter().print("analytics=" + ConsentContext.allows("analytics")
                    + " marketing=" + ConsentContext.allows("marketing"));
        }
    }

    /** Signs a device in or out through its session: {@code /login?user=alice}, {@code /login} to sign out. */
    static final class Login extends HttpServlet {
        private static final long serialVersionUID = 1L;
        static final SubjectResolver RESOLVER = request -> {
            HttpSession session = request.getSession(false);
            return session == null ? Optional.empty() : Optional.ofNullable((String) session.getAttribute("user"));
        };

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String user = request.getParameter("user");
            if (user == null) {
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            } else {
                request.getSession(true).setAttribute("user", user);
            }
            response.setStatus(204);
        }
    }

    /** One browser: its own cookie store. */
    private final class Device {
        private final CookieManager cookies = new CookieManager();
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies)
                .connectTimeout(Duration.ofSeconds(5)).build();

        Device signIn(String user) throws Exception {
            assertThat(get("/login?user=" + user).statusCode()).isEqualTo(204);
            return this;
        }

        void signOut() throws Exception {
            get("/login");
        }

        HttpResponse<String> get(String path) throws Exception {
            return send(site.request(path).GET());
        }

        HttpResponse<String> post(String path, String json) throws Exception {
            return send(site.request(path).POST(HttpRequest.BodyPublishers.ofString(json))
                    .header("Content-Type", "application/json").header("Origin", site.origin()));
        }

        HttpResponse<String> delete(String path) throws Exception {
            return send(site.request(path).DELETE().header("Origin", site.origin()));
        }

        /** A cookie a script would have set in this browser. */
        void plant(String name, String value) {
            HttpCookie cookie = new HttpCookie(name, value);
            cookie.setPath("/");
            cookie.setVersion(0);
            cookies.getCookieStore().add(URI.create(site.origin()), cookie);
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
