package dev.samtykke.spring.it;

import dev.samtykke.core.ledger.ConsentLedger;
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
import tools.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's pages under Spring Security, on a real server: refused as JSON without a user or the authority, and
 * every form needs both Spring Security's CSRF token (which the pages render as {@code _csrf}) and the console's own;
 * a data-subject request and a verification go through the forms end to end.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "samtykke.policy=classpath:policies/jackon.json",
        "samtykke.development=true",
        "samtykke.console.enabled=true",
        "spring.autoconfigure.exclude="})
class ConsolePagesSpringTest {

    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

    @TestConfiguration
    static class Users {
        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("dpo").password("{noop}secret").authorities("ROLE_SAMTYKKE_ADMIN").build(),
                    User.withUsername("visitor").password("{noop}secret").authorities("ROLE_USER").build());
        }

        @Bean
        SecurityFilterChain application(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(a -> a.anyRequest().permitAll())
                    .csrf(c -> c.ignoringRequestMatchers("/consent", "/consent/**"))
                    .build();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    AuditTrail auditTrail;

    @Autowired
    ConsentLedger ledger;

    private final HttpClient http = HttpClient.newHttpClient();

    /** A signed-in browser: the user, its cookies, and the hidden fields of the last page's forms. */
    private final class Browser {
        final String user;
        final Map<String, String> cookies = new LinkedHashMap<>();
        final Map<String, String> hidden = new LinkedHashMap<>();

        Browser(String user) {
            this.user = user;
        }

        HttpRequest.Builder request(String path) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
            if (user != null) {
                b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":secret")
                        .getBytes(StandardCharsets.UTF_8)));
            }
            if (!cookies.isEmpty()) {
                b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("; ")));
            }
            return b;
        }

        HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
            HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            for (String c : response.headers().allValues("Set-Cookie")) {
                String pair = c.substring(0, c.indexOf(';'));
                cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
            Matcher m = HIDDEN.matcher(response.body());
            while (m.find()) {
                if (m.group(1).equals("csrf") || m.group(1).equals("_csrf")) {
                    hidden.put(m.group(1), m.group(2));
                }
            }
            return response;
        }

        HttpResponse<String> get(String path) throws Exception {
            return send(request(path).GET());
        }

        /** Posts a form with the hidden fields named in {@code tokens} (of the last page) and the fields given. */
        HttpResponse<String> post(String path, List<String> tokens, Map<String, String> fields) throws Exception {
            Map<String, String> all = new LinkedHashMap<>(fields);
            tokens.forEach(t -> all.put(t, hidden.get(t)));
            String body = all.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Origin", "http://127.0.0.1:" + port).header("Sec-Fetch-Site", "same-origin"));
        }
    }

    private String decide(String json) throws Exception {
        HttpResponse<String> decided = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/consent"))
                .POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json")
                .header("Origin", "http://127.0.0.1:" + port).build(), HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(decided.body()).get("consentId").asString();
    }

    @Test
    void pagesAreRefusedAsJsonWithoutAUserOrTheAuthority() throws Exception {
        for (String path : List.of("/consent/admin/", "/consent/admin/subjects", "/consent/admin/ledger",
                "/consent/admin/audit", "/consent/admin/assets/console.css")) {
            HttpResponse<String> anonymous = new Browser(null).get(path);
            HttpResponse<String> visitor = new Browser("visitor").get(path);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(visitor.statusCode()).as(path).isEqualTo(403);
            for (HttpResponse<String> r : List.of(anonymous, visitor)) {
                assertThat(r.headers().firstValue("Content-Type")).as(path)
                        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
                assertThat(r.headers().firstValue("Location")).isEmpty();
                assertThat(r.body()).doesNotContain("<html");
            }
        }
    }

    @Test
    void theFormsCarrySpringSecuritysTokenAndTheConsolesAndNeedBoth() throws Exception {
        String id = decide("{\"acceptAll\":true}");
        Browser dpo = new Browser("dpo");
        HttpResponse<String> page = dpo.get("/consent/admin/subjects");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(dpo.hidden).containsOnlyKeys("csrf", "_csrf");
        assertThat(dpo.cookies).containsKeys("JSESSIONID", "samtykke-console-csrf");
        Map<String, String> lookup = Map.of("consentId", id);
        int recorded = auditTrail.recent(10_000).size();

        HttpResponse<String> withoutSprings = dpo.post("/consent/admin/subjects/lookup", List.of("csrf"), lookup);
        HttpResponse<String> withoutConsoles = dpo.post("/consent/admin/subjects/lookup", List.of("_csrf"), lookup);
        HttpResponse<String> visitor = new Browser("visitor").post("/consent/admin/subjects/lookup", List.of(), lookup);

        assertThat(withoutSprings.statusCode()).isEqualTo(403);
        assertThat(withoutSprings.body()).contains("CSRF");
        assertThat(withoutConsoles.statusCode()).isEqualTo(403);
        assertThat(withoutConsoles.body()).contains("The form did not come from this console");
        assertThat(visitor.statusCode()).isEqualTo(403);
        assertThat(auditTrail.recent(10_000)).as("nothing was done").hasSize(recorded);

        HttpResponse<String> history = dpo.post("/consent/admin/subjects/lookup", List.of("csrf", "_csrf"), lookup);
        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(history.body()).contains("<h1>Consent history</h1>", "<strong>1 records</strong>");
    }

    @Test
    void aDataSubjectRequestAndAVerificationGoThroughTheFormsEndToEnd() throws Exception {
        String id = decide("{\"rejectAll\":true}");
        String hostile = "\"><script>alert(1)</script>";
        Browser dpo = new Browser("dpo");
        dpo.get("/consent/admin/subjects");
        List<String> tokens = List.of("csrf", "_csrf");

        HttpResponse<String> escaped = dpo.post("/consent/admin/subjects/lookup", tokens, Map.of("consentId", hostile));
        assertThat(escaped.body()).doesNotContain("<script>").contains("&lt;script&gt;");
        HttpResponse<String> history = dpo.post("/consent/admin/subjects/lookup", tokens, Map.of("consentId", id));
        Matcher confirmation = Pattern.compile("name=\"confirmation\" value=\"([^\"]+)\"").matcher(history.body());
        assertThat(confirmation.find()).isTrue();
        HttpResponse<String> json = dpo.post("/consent/admin/subjects/export", tokens, Map.of("consentId", id, "format", "json"));
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).contains("ISO/IEC TS 27560", id);
        HttpResponse<String> confirm = dpo.post("/consent/admin/subjects/erase", tokens,
                Map.of("consentId", id, "confirmation", confirmation.group(1)));
        assertThat(confirm.body()).contains("Erase permanently");
        HttpResponse<String> erased = dpo.post("/consent/admin/subjects/erase", tokens,
                Map.of("consentId", id, "confirmation", confirmation.group(1), "confirmed", "yes"));
        assertThat(erased.statusCode()).isEqualTo(200);
        assertThat(erased.body()).contains("Erased <strong>1 records</strong>");
        assertThat(ledger.history(id)).isEmpty();

        HttpResponse<String> verify = dpo.post("/consent/admin/ledger/verify", tokens, Map.of());
        assertThat(verify.statusCode()).isEqualTo(303);
        assertThat(verify.headers().firstValue("Location")).hasValue("/consent/admin/ledger");
        String ledgerPage = "";
        for (int i = 0; i < 500 && !ledgerPage.contains("Intact"); i++) {
            Thread.sleep(10);
            ledgerPage = dpo.get("/consent/admin/ledger").body();
        }
        assertThat(ledgerPage).contains("<strong>Intact</strong>", "<code class=\"anchor\">");

        String audit = dpo.get("/consent/admin/audit").body();
        assertThat(audit).contains("<td>dpo</td><td>erasure</td>", "<td>dpo</td><td>export</td>",
                "<td>dpo</td><td>verification</td>").doesNotContain(id, "alert(1)");
    }
}
