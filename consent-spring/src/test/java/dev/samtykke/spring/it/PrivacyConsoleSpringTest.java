package dev.samtykke.spring.it;

import dev.samtykke.servlet.console.AuditTrail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The privacy console under Spring Security, on a real server: the application's own chain lets everyone through
 * (and exempts the banner's endpoints from CSRF), yet the console answers only users with the authority, and every
 * state change needs a CSRF token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "samtykke.policy=classpath:policies/jackon.json",
        "samtykke.development=true",
        "samtykke.console.enabled=true",
        "spring.autoconfigure.exclude="})
class PrivacyConsoleSpringTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestConfiguration
    static class Users {
        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("dpo").password("{noop}secret").authorities("ROLE_SAMTYKKE_ADMIN").build(),
                    User.withUsername("visitor").password("{noop}secret").authorities("ROLE_USER").build());
        }

        /** The application's chain: everything open, the consent endpoints without CSRF (the banner sends none). */
        @Bean
        SecurityFilterChain application(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(a -> a.anyRequest().permitAll())
                    .csrf(c -> c.ignoringRequestMatchers("/consent", "/consent/**"))
                    .httpBasic(b -> { })
                    .build();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    AuditTrail auditTrail;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpRequest.Builder request(String path, String user) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":secret")
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return b;
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String user, String json, String... headers) throws Exception {
        HttpRequest.Builder b = request(path, user).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").header("Origin", "http://127.0.0.1:" + port);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    /** The CSRF header and token of a session, and the session's cookie. */
    private String[] csrf(String user) throws Exception {
        HttpResponse<String> response = send(request("/consent/admin/api/csrf", user).GET());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode token = JSON.readTree(response.body());
        String session = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        return new String[] {token.get("headerName").asString(), token.get("token").asString(), "Cookie", session};
    }

    @Test
    void answers401WithoutAUserAnd403WithoutTheAuthorityAsJsonNeverAPage() throws Exception {
        for (String path : List.of("/consent/admin/api/stats", "/consent/admin/", "/consent/admin/api/csrf")) {
            HttpResponse<String> anonymous = send(request(path, null).GET());
            HttpResponse<String> visitor = send(request(path, "visitor").GET());
            HttpResponse<String> wrongPassword = send(request(path, null).GET().header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString("dpo:guess".getBytes(StandardCharsets.UTF_8))));

            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
            assertThat(wrongPassword.statusCode()).as(path).isEqualTo(401);
            assertThat(visitor.statusCode()).as(path).isEqualTo(403);
            for (HttpResponse<String> r : List.of(anonymous, visitor, wrongPassword)) {
                assertThat(r.headers().firstValue("Content-Type")).as(path)
                        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
                assertThat(r.headers().firstValue("Location")).isEmpty();
            }
        }
        assertThat(post("/consent/admin/api/subjects/lookup", "visitor", "{\"consentId\":\"x\"}", csrf("dpo")).statusCode())
                .isIn(401, 403);
    }

    @Test
    void theStatsApiAnswersTheAdmin() throws Exception {
        send(request("/consent", null).POST(HttpRequest.BodyPublishers.ofString("{\"acceptAll\":true}"))
                .header("Content-Type", "application/json").header("Origin", "http://127.0.0.1:" + port));

        HttpResponse<String> stats = send(request("/consent/admin/api/stats?days=7", "dpo").GET());

        assertThat(stats.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(stats.body());
        assertThat(body.get("days")).hasSize(7);
        assertThat(body.get("days").get(6).get("decisions").get("accept-all").asLong()).isPositive();
    }

    @Test
    void stateChangesWithoutTheCsrfTokenAreRefused() throws Exception {
        String[] csrf = csrf("dpo");
        HttpResponse<String> without = post("/consent/admin/api/ledger/verify", "dpo", "{}", "Cookie", csrf[3]);
        HttpResponse<String> wrong = post("/consent/admin/api/ledger/verify", "dpo", "{}", csrf[0], "not-the-token",
                "Cookie", csrf[3]);
        HttpResponse<String> with = post("/consent/admin/api/ledger/verify", "dpo", "{}", csrf);

        assertThat(without.statusCode()).isEqualTo(403);
        assertThat(without.body()).contains("CSRF");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(with.statusCode()).isEqualTo(202);
    }

    @Test
    void looksUpExportsAndErasesByConsentIdAndRecordsWhoDidIt() throws Exception {
        HttpResponse<String> decided = send(request("/consent", null).POST(HttpRequest.BodyPublishers.ofString(
                "{\"rejectAll\":true}")).header("Content-Type", "application/json").header("Origin", "http://127.0.0.1:" + port));
        String id = JSON.readTree(decided.body()).get("consentId").asString();
        String[] csrf = csrf("dpo");
        String body = "{\"consentId\":\"" + id + "\"}";

        HttpResponse<String> lookup = post("/consent/admin/api/subjects/lookup", "dpo", body, csrf);
        assertThat(lookup.statusCode()).isEqualTo(200);
        JsonNode found = JSON.readTree(lookup.body());
        assertThat(found.get("records")).hasSize(1);
        HttpResponse<String> export = post("/consent/admin/api/subjects/export", "dpo", body, csrf);
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.body()).contains(id);
        HttpResponse<String> erase = post("/consent/admin/api/subjects/erase", "dpo", "{\"consentId\":\"" + id
                + "\",\"confirmation\":\"" + found.get("confirmation").get("token").asString() + "\"}", csrf);
        assertThat(erase.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(erase.body()).get("erased").asInt()).isEqualTo(1);

        HttpResponse<String> audit = send(request("/consent/admin/api/audit?limit=3", "dpo").GET());
        assertThat(audit.statusCode()).isEqualTo(200);
        assertThat(audit.body()).doesNotContain(id);
        List<String> actions = JSON.readTree(audit.body()).get("entries").valueStream()
                .map(e -> e.get("principal").asString() + " " + e.get("action").asString()).toList();
        assertThat(actions).containsExactly("dpo erasure", "dpo export", "dpo look-up");
        assertThat(auditTrail.recent(1)).singleElement().satisfies(e -> assertThat(e.principal()).isEqualTo("dpo"));
    }
}
