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
    final InMemoryConsentStats stats = new InMemoryConsentStats();
    final PrivacyConsole console;
    private final Server server;
    private final int port;

    ConsoleSite() throws Exception {
        this((dev.samtykke.core.ledger.ConsentLedger) null);
    }

    /** A site whose Samtykke uses {@code ledgerOverride} instead of {@link #ledger}, where not {@code null}. */
    ConsoleSite(dev.samtykke.core.ledger.ConsentLedger ledgerOverride) throws Exception {
        this(ledgerOverride, new InMemoryAuditTrail());
    }

    /** A site with its own ledger (or {@link #ledger} for {@code null}) and audit trail. */
    ConsoleSite(dev.samtykke.core.ledger.ConsentLedger ledgerOverride, AuditTrail auditTrail) throws Exception {
        samtykke = Samtykke.builder().policy(PolicyLoader.fromClasspath("policies/jackon.json"))
                .keys(KeyRing.fromBase64("t1", Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes()),
                        Map.of()))
                .ledger(ledgerOverride == null ? ledger : ledgerOverride).stats(stats).build();
        console = PrivacyConsole.builder(samtykke, HEADER_AUTHORIZER).auditTrail(auditTrail).build();
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

    /** A site whose console records in the given audit trail. */
    ConsoleSite(AuditTrail audit) throws Exception {
        this(null, audit);
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

    /** What a console page hands a user's browser for its forms: the CSRF cookie and the form's token. */
    record Forms(String cookie, String token) {
    }

    private static final java.util.regex.Pattern CSRF_FIELD =
            java.util.regex.Pattern.compile("<input type=\"hidden\" name=\"csrf\" value=\"([^\"]+)\">");

    /** Opens a page with forms as {@code user} (an admin) and keeps what its forms need. */
    Forms forms(String user) throws Exception {
        HttpResponse<String> page = send(request("/consent/admin/subjects").GET().header("X-Test-User", user)
                .header("X-Test-Role", "admin"));
        if (page.statusCode() != 200) {
            throw new AssertionError("the page was refused: " + page.statusCode());
        }
        String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("samtykke-console-csrf="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        return new Forms(cookie, csrfField(page.body()));
    }

    /** The console's CSRF token in a page's forms. */
    static String csrfField(String html) {
        java.util.regex.Matcher m = CSRF_FIELD.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no CSRF field in the page");
        }
        return m.group(1);
    }

    /** A same-origin form post by an admin, with the cookie and token of {@code forms} (either may be null). */
    HttpResponse<String> postForm(String path, String user, Forms forms, Map<String, String> fields, String... headers)
            throws Exception {
        StringBuilder body = new StringBuilder();
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>(fields);
        if (forms != null && forms.token() != null) {
            all.putIfAbsent("csrf", forms.token());
        }
        all.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&")
                .append(java.net.URLEncoder.encode(k, java.nio.charset.StandardCharsets.UTF_8)).append('=')
                .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
        HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", origin())
                .header("Sec-Fetch-Site", "same-origin").header("X-Test-User", user).header("X-Test-Role", "admin");
        if (forms != null && forms.cookie() != null) {
            b.header("Cookie", forms.cookie());
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.setHeader(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
