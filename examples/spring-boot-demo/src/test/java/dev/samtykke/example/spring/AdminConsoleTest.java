package dev.samtykke.example.spring;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example's privacy console: served at /consent/admin/ for the user admin when JACKON_ADMIN_PASSWORD
 * ({@code jackon.admin-password}) is set, by HTTP Basic or the login form; off, and the start-up log says how to turn
 * it on, when it is not.
 */
class AdminConsoleTest {

    private static final String PASSWORD = "correct horse battery staple";

    private static HttpResponse<String> get(HttpClient client, int port, String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {"jackon.admin-password=" + PASSWORD, "jackon.data-dir=./target/admin-console-test"})
    class WithThePassword {

        @LocalServerPort
        int port;

        private final HttpClient client = HttpClient.newHttpClient();

        @Test
        void theConsoleRefusesARequestWithoutCredentialsAndServesTheAdmin() throws Exception {
            assertThat(get(client, port, "/consent/admin/api/stats", null).statusCode()).isEqualTo(401);
            assertThat(get(client, port, "/consent/admin/", null).statusCode()).isEqualTo(401);
            assertThat(get(client, port, "/consent/admin/api/stats", basic("admin", "wrong")).statusCode()).isEqualTo(401);
            assertThat(get(client, port, "/consent/admin/api/stats", basic("someone", PASSWORD)).statusCode()).isEqualTo(401);

            HttpResponse<String> stats = get(client, port, "/consent/admin/api/stats", basic("admin", PASSWORD));
            assertThat(stats.statusCode()).isEqualTo(200);
            assertThat(stats.body()).contains("\"days\"");
            assertThat(get(client, port, "/consent/admin/", basic("admin", PASSWORD)).statusCode()).isEqualTo(200);
        }

        @Test
        void theAdminCanLogInWithTheFormAndThenUseTheConsole() throws Exception {
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            HttpResponse<String> form = get(browser, port, "/login", null);
            assertThat(form.statusCode()).isEqualTo(200);
            Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
            assertThat(csrf.find()).as("the login form's CSRF field").isTrue();

            String body = "username=admin&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                    + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
            HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(login.statusCode()).isEqualTo(302);
            assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/consent/admin/"));
            HttpResponse<String> page = get(browser, port, "/consent/admin/", null);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        }

        @Test
        void theSitesOwnPagesStayOpen() throws Exception {
            assertThat(get(client, port, "/", null).statusCode()).isEqualTo(200);
            assertThat(get(client, port, "/consent", null).statusCode()).isEqualTo(200);
        }
    }

    @Nested
    @ExtendWith(OutputCaptureExtension.class)
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {"jackon.admin-password=", "jackon.data-dir=./target/admin-console-off-test"})
    class WithoutThePassword {

        @LocalServerPort
        int port;

        @Test
        void theConsoleIsNotServedAndTheStartUpLogSaysHowToTurnItOn(CapturedOutput output) throws Exception {
            HttpClient client = HttpClient.newHttpClient();
            assertThat(get(client, port, "/consent/admin/", basic("admin", "")).statusCode()).isEqualTo(404);
            assertThat(get(client, port, "/consent/admin/api/stats", null).statusCode()).isEqualTo(404);
            assertThat(get(client, port, "/login", null).statusCode()).isEqualTo(404);
            assertThat(get(client, port, "/", null).statusCode()).isEqualTo(200);
            assertThat(output.getAll()).contains("Privacy console: off. To serve it at /consent/admin/ for the user admin,"
                    + " set JACKON_ADMIN_PASSWORD");
            assertThat(output.getAll()).doesNotContain("Using generated security password");
        }
    }
}
