package dev.samtykke.servlet;

import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.cookie.ConsentCookieCodec;
import dev.samtykke.core.cookie.KeyRing;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyLoader;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A real Jetty 12 server on 127.0.0.1 running {@link Samtykke}'s filter and endpoints in front of test
 * servlets, and an HTTP client that sends cookies only when told to.
 */
final class TestSite implements AutoCloseable {

    static final ConsentPolicy POLICY = PolicyLoader.fromClasspath("policies/jackon.json");
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final KeyRing KEYS = KeyRing.fromBase64("t1",
            Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes()), Map.of());

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    final Samtykke samtykke;
    final RecordingLedger ledger;
    final ConsentCookieCodec codec;
    private final Server server;
    private final int port;

    private TestSite(Samtykke samtykke, RecordingLedger ledger, Server server, int port, ConsentPolicy policy) {
        this.samtykke = samtykke;
        this.ledger = ledger;
        this.server = server;
        this.port = port;
        this.codec = new ConsentCookieCodec(KEYS, policy, CLOCK);
    }

    /** A site with the default configuration and no application servlets. */
    static TestSite start() throws Exception {
        return start(SamtykkeConfig.ofDefaults(), Map.of());
    }

    /** A site with this configuration and these servlets (by path spec). */
    static TestSite start(SamtykkeConfig config, Map<String, HttpServlet> servlets) throws Exception {
        return start(config, servlets, (context, samtykke) -> { });
    }

    static TestSite start(SamtykkeConfig config, Map<String, HttpServlet> servlets,
                          BiConsumer<ServletContextHandler, Samtykke> more)
            throws Exception {
        return start(config, servlets, more, true);
    }

    /** A site with this configuration on this clock (cookies are still signed at {@link #NOW} by {@link #codec}). */
    static TestSite start(SamtykkeConfig config, Clock clock) throws Exception {
        return start(config, Map.of(), (context, samtykke) -> { }, true, clock, false);
    }

    /**
     * A site behind a TLS-terminating proxy: Jetty's {@link ForwardedRequestCustomizer} makes a request sent
     * with {@code X-Forwarded-Proto: https} secure ({@code request.isSecure()}), as a real proxy would.
     */
    static TestSite startBehindTlsProxy(SamtykkeConfig config, Map<String, HttpServlet> servlets) throws Exception {
        return start(config, servlets, (context, samtykke) -> { }, true, CLOCK, true);
    }

    /** A site with the endpoints only, no filter: they resolve the consent themselves. */
    static TestSite startWithoutFilter() throws Exception {
        return start(SamtykkeConfig.ofDefaults(), Map.of(), (context, samtykke) -> { }, false);
    }

    /** A site with this configuration, these servlets, and these listeners registered in order. */
    static TestSite startWithListeners(SamtykkeConfig config, Map<String, HttpServlet> servlets,
                                       SamtykkeListener... listeners) throws Exception {
        return start(config, servlets, (context, samtykke) -> { }, true, listeners);
    }

    private static TestSite start(SamtykkeConfig config, Map<String, HttpServlet> servlets,
                                  BiConsumer<ServletContextHandler, Samtykke> more, boolean filter,
                                  SamtykkeListener... listeners) throws Exception {
        return start(config, servlets, more, filter, CLOCK, false, listeners);
    }

    /** A site with another policy than the reference one, and the defaults otherwise. */
    static TestSite start(ConsentPolicy policy) throws Exception {
        return start(SamtykkeConfig.ofDefaults(), Map.of(), (context, samtykke) -> { }, true, CLOCK, false,
                builder -> builder.policy(policy));
    }

    private static TestSite start(SamtykkeConfig config, Map<String, HttpServlet> servlets,
                                  BiConsumer<ServletContextHandler, Samtykke> more, boolean filter, Clock clock,
                                  boolean forwarded, SamtykkeListener... listeners) throws Exception {
        return start(config, servlets, more, filter, clock, forwarded, builder -> { }, listeners);
    }

    /** A site with sessions, on this clock, whose {@link Samtykke} is built with more settings (e.g. a subject resolver). */
    static TestSite startWith(Map<String, HttpServlet> servlets, Clock clock, Consumer<Samtykke.Builder> customize)
            throws Exception {
        return start(SamtykkeConfig.ofDefaults(), servlets, (context, samtykke) -> context.setSessionHandler(new SessionHandler()),
                true, clock, false, customize);
    }

    private static TestSite start(SamtykkeConfig config, Map<String, HttpServlet> servlets,
                                  BiConsumer<ServletContextHandler, Samtykke> more, boolean filter, Clock clock,
                                  boolean forwarded, Consumer<Samtykke.Builder> customize, SamtykkeListener... listeners)
            throws Exception {
        RecordingLedger ledger = new RecordingLedger();
        Samtykke.Builder builder = Samtykke.builder().policy(POLICY).keys(KEYS).ledger(ledger).clock(clock).config(config);
        customize.accept(builder);
        for (SamtykkeListener listener : listeners) {
            builder.listener(listener);
        }
        Samtykke samtykke = builder.build();
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        if (forwarded) {
            connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration()
                    .addCustomizer(new ForwardedRequestCustomizer());
        }
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        if (filter) {
            FilterHolder holder = new FilterHolder(samtykke.filter());
            holder.setAsyncSupported(true);
            context.addFilter(holder, "/*", EnumSet.allOf(DispatcherType.class));
        }
        context.addServlet(new ServletHolder(samtykke.endpoints()), samtykke.endpointsMapping());
        servlets.forEach((path, servlet) -> context.addServlet(new ServletHolder(servlet), path));
        more.accept(context, samtykke);
        server.setHandler(context);
        server.start();
        return new TestSite(samtykke, ledger, server, connector.getLocalPort(), samtykke.policy());
    }

    String origin() {
        return "http://127.0.0.1:" + port;
    }

    URI uri(String path) {
        return URI.create(origin() + path);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b);
    }

    /** A same-origin JSON POST, as the banner sends it. */
    HttpResponse<String> post(String path, String json, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        return send(withBrowserHeaders(b, headers));
    }

    /** A same-origin DELETE, as the banner sends it. */
    HttpResponse<String> delete(String path, String... headers) throws IOException, InterruptedException {
        return send(withBrowserHeaders(request(path).DELETE(), headers));
    }

    /** Adds same-origin {@code Origin} and {@code Sec-Fetch-Site}, then the given headers, replacing those. */
    private HttpRequest.Builder withBrowserHeaders(HttpRequest.Builder b, String... headers) {
        b.setHeader("Origin", origin()).setHeader("Sec-Fetch-Site", "same-origin");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.setHeader(headers[i], headers[i + 1]);
        }
        return b;
    }

    /** {@code Cookie: consent=…} for a decision, signed with the site's keys. */
    String consentCookie(ConsentDecision decision) {
        return "consent=" + codec.encode(decision);
    }

    /** The {@code Set-Cookie} headers of a response. */
    static List<String> setCookies(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie");
    }

    /** The {@code Set-Cookie} header for a cookie name, or {@code null}. */
    static String setCookie(HttpResponse<?> response, String name) {
        return setCookies(response).stream().filter(h -> h.startsWith(name + "=")).findFirst().orElse(null);
    }

    /** The value a response's {@code Set-Cookie} gives a cookie, or {@code null}. */
    static String cookieValue(HttpResponse<?> response, String name) {
        String header = setCookie(response, name);
        if (header == null) {
            return null;
        }
        int semi = header.indexOf(';');
        return header.substring(name.length() + 1, semi < 0 ? header.length() : semi);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
