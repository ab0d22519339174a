package dev.samtykke.core.events;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.samtykke.core.ledger.LedgerFixtures.T0;
import static dev.samtykke.core.ledger.LedgerFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The webhook against a receiver on 127.0.0.1 (the JDK's HTTP server). */
class WebhookSinkTest {

    private static final byte[] SECRET = "a-webhook-secret-of-32-bytes-xyz".getBytes(StandardCharsets.US_ASCII);
    private final AtomicInteger status = new AtomicInteger(204);
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ConsentEvent event = ConsentEvent.recorded(
            dev.samtykke.core.ledger.InMemoryConsentLedger.builder().build().append(record("subject-a", T0, true, false)));

    WebhookSinkTest() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(Map.of("method", exchange.getRequestMethod(), "body", body,
                    "signature", String.valueOf(exchange.getRequestHeaders().getFirst("Samtykke-Signature")),
                    "id", String.valueOf(exchange.getRequestHeaders().getFirst("Samtykke-Event-Id")),
                    "type", String.valueOf(exchange.getRequestHeaders().getFirst("Samtykke-Event-Type")),
                    "contentType", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))));
            if (status.get() == 302) {
                exchange.getResponseHeaders().add("Location", "/elsewhere");
            }
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook?token=abc");
    }

    @Test
    void postsTheSignedJsonWithItsIdempotencyKey() throws Exception {
        WebhookSink sink = WebhookSink.builder("crm", url(), SECRET).build();

        sink.deliver(event);

        Map<String, String> r = received.get(0);
        assertThat(r.get("method")).isEqualTo("POST");
        assertThat(r.get("contentType")).isEqualTo("application/json");
        assertThat(r.get("body")).isEqualTo(event.toJson());
        assertThat(r.get("id")).isEqualTo(event.eventId());
        assertThat(r.get("type")).isEqualTo("consent.recorded");
        assertThat(new WebhookSignature(SECRET).verify(r.get("signature"), r.get("body"), Instant.now(), Duration.ofMinutes(5))).isTrue();
    }

    @Test
    void anythingButA2xxIsAFailureAndRedirectsAreNotFollowed() {
        WebhookSink sink = WebhookSink.builder("crm", url(), SECRET).build();
        for (int code : new int[] {302, 400, 500}) {
            status.set(code);
            assertThatThrownBy(() -> sink.deliver(event)).isInstanceOf(WebhookSink.WebhookException.class)
                    .hasMessageContaining("HTTP " + code).hasMessageNotContaining("token");
        }
        assertThat(received).hasSize(3);
    }

    @Test
    void anUnreachableReceiverIsAFailureThatNamesNoPath() {
        server.stop(0);
        WebhookSink sink = WebhookSink.builder("crm", url(), SECRET).timeout(Duration.ofSeconds(2)).build();

        assertThatThrownBy(() -> sink.deliver(event)).isInstanceOf(WebhookSink.WebhookException.class)
                .hasMessageNotContaining("token").hasMessageNotContaining("/hook");
    }

    @Test
    void refusesUrlsThatAreNotHttpOrCarryCredentialsAndNeverShowsTheSecretOrQuery() {
        for (String bad : new String[] {"ftp://example.com/x", "file:///etc/passwd", "https://user:pw@example.com/x",
                "/relative", "https://example.com/x#frag"}) {
            assertThatThrownBy(() -> WebhookSink.builder("crm", URI.create(bad), SECRET)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> WebhookSink.builder("crm", url(), new byte[8])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSink.builder("Bad Name", url(), SECRET)).isInstanceOf(IllegalArgumentException.class);
        String shown = WebhookSink.builder("crm", url(), SECRET).build().toString();
        assertThat(shown).contains("crm", "127.0.0.1").doesNotContain("token", "/hook", "a-webhook-secret");
    }
}
