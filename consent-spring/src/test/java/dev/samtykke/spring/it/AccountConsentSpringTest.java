package dev.samtykke.spring.it;

import dev.samtykke.core.consent.AccountKey;
import dev.samtykke.core.consent.ConsentMethod;
import dev.samtykke.core.ledger.ConsentLedger;
import dev.samtykke.core.ledger.ConsentRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code samtykke.accounts.enabled=true} under Spring Security on a real server: the consent filter runs inside the
 * security context, a decision follows the authenticated user to another device (another cookie store), and the
 * ledger holds the account only as its keyed hash.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "samtykke.policy=classpath:policies/jackon.json",
        "samtykke.development=true",
        "samtykke.accounts.enabled=true",
        "samtykke.accounts.key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
        "spring.autoconfigure.exclude="})
class AccountConsentSpringTest {

    @TestConfiguration
    static class Security {
        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("alice").password("{noop}secret").authorities("ROLE_USER").build());
        }

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
    ConsentLedger ledger;

    @Autowired
    FilterRegistrationBean<?> samtykkeFilterRegistration;

    @Test
    void theConsentFilterRunsInsideSpringSecuritysContext() {
        assertThat(samtykkeFilterRegistration.getOrder()).isEqualTo(-99);
    }

    @Test
    void aDecisionFollowsTheSignedInUserToAnotherDeviceAndAWithdrawalFollowsToo() throws Exception {
        Device laptop = new Device("alice");
        Device phone = new Device("alice");
        Device anonymous = new Device(null);
        String account = new AccountKey("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII))
                .subjectIdOf("alice");

        assertThat(laptop.post("/consent", "{\"acceptAll\":true}").statusCode()).isEqualTo(200);
        assertThat(ledger.latest(account)).hasValueSatisfying(r -> assertThat(r.method()).isEqualTo(ConsentMethod.ACCEPT_ALL));

        assertThat(anonymous.get("/state").body()).contains("\"analytics\":false");
        HttpResponse<String> onPhone = phone.get("/state");
        assertThat(onPhone.body()).contains("\"analytics\":true");
        assertThat(onPhone.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("consent="));

        Thread.sleep(1_100); // decisions are kept to the second: the withdrawal must be the newer one
        assertThat(laptop.delete("/consent").statusCode()).isEqualTo(200);
        assertThat(phone.get("/state").body()).contains("\"analytics\":false");

        List<ConsentRecord> accountHistory = ledger.history(account);
        assertThat(accountHistory).extracting(ConsentRecord::method)
                .containsExactly(ConsentMethod.ACCEPT_ALL, ConsentMethod.WITHDRAW);
        assertThat(accountHistory).allSatisfy(r -> assertThat(r.toString()).doesNotContain("alice"));
    }

    /** One browser: its own cookie store; signed in with HTTP Basic on every request, as a browser would resend it. */
    private final class Device {
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        private final String user;

        Device(String user) {
            this.user = user;
        }

        HttpResponse<String> get(String path) throws Exception {
            return send(request(path).GET());
        }

        HttpResponse<String> post(String path, String json) throws Exception {
            return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json))
                    .header("Content-Type", "application/json").header("Origin", "http://127.0.0.1:" + port));
        }

        HttpResponse<String> delete(String path) throws Exception {
            return send(request(path).DELETE().header("Origin", "http://127.0.0.1:" + port));
        }

        private HttpRequest.Builder request(String path) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
            if (user != null) {
                b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":secret")
                        .getBytes(StandardCharsets.UTF_8)));
            }
            return b;
        }

        private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
