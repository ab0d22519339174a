package dev.samtykke.servlet.console;

import dev.samtykke.core.cookie.KeyRing;
import dev.samtykke.core.ledger.InMemoryConsentLedger;
import dev.samtykke.core.policy.PolicyLoader;
import dev.samtykke.core.stats.InMemoryConsentStats;
import dev.samtykke.servlet.Samtykke;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;

/**
 * A Jetty server with Samtykke's filter, endpoints and privacy console. The test authorizer admits a request by
 * headers: {@code X-Test-User} names the user, {@code X-Test-Role: admin} gives the right.
 */
final class ConsoleSite implements AutoCloseable {

    static final ConsoleAuthorizer HEADER_AUTHORIZER = request -> {
        String user = request.getHeader("X-Test-User");
        if (user == null) {
            return ConsoleAccess.unauthenticated();
        }
        return "admin".equals(request.getHeader("X-Test-Role")) ? ConsoleAccess.granted(user) : ConsoleAccess.forbidden(user);
    };
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final JsonMapper JSON = JsonMapper.builder().build();

    final Samtykke samtykke;
    final InMemoryConsentLedger ledger = new InMemoryConsentLedger();
    final PrivacyConsole console;
    private final Server server;
    private final int port;

    ConsoleSite() throws Exception {
        this(new InMemoryAuditTrail());
    }

    /** A site whose console records in the given audit trail. */
    ConsoleSite(AuditTrail audit) throws Exception {
        samtykke = Samtykke.builder().policy(PolicyLoader.fromClasspath("policies/jackon.json"))
                .keys(KeyRing.fromBase64("t1", Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes()),
                        Map.of()))
                .ledger(ledger).stats(new InMemoryConsentStats()).build();
        console = PrivacyConsole.builder(samtykke, HEADER_AUTHORIZER).auditTrail(audit).build();
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addFilter(new FilterHolder(samtykke.filter()), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(samtykke.endpoints()), samtykke.endpointsMapping());
        context.addServlet(new ServletHolder(console), console.mapping());
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    String origin() {
        return "http://127.0.0.1:" + port;
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(origin() + path)).timeout(Duration.ofSeconds(10));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET by the admin {@code dpo}. */
    HttpResponse<String> adminGet(String path) throws Exception {
        return send(request(path).GET().header("X-Test-User", "dpo").header("X-Test-Role", "admin"));
    }

    /** A same-origin JSON POST by a user with the given role. */
    HttpResponse<String> post(String path, String json, String user, String role, String... headers) throws Exception {
        HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").header("Origin", origin()).header("Sec-Fetch-Site", "same-origin");
        if (user != null) {
            b.header("X-Test-User", user);
        }
        if (role != null) {
            b.header("X-Test-Role", role);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.setHeader(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    /** A same-origin JSON POST by the admin {@code dpo}. */
    HttpResponse<String> adminPost(String path, String json, String... headers) throws Exception {
        return post(path, json, "dpo", "admin", headers);
    }

    /** A visitor's decision through the public endpoint; returns the consent cookie's header value and the state. */
    JsonNode decide(String json, String cookie) throws Exception {
        HttpRequest.Builder b = request("/consent?lang=en").POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").header("Origin", origin());
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        HttpResponse<String> response = send(b);
        if (response.statusCode() != 200) {
            throw new AssertionError("decision refused: " + response.statusCode() + " " + response.body());
        }
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        JsonNode state = JSON.readTree(response.body());
        return ((tools.jackson.databind.node.ObjectNode) state).put("_cookie", setCookie.substring(0, setCookie.indexOf(';')));
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
