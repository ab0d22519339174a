package dev.samtykke.servlet.browser;

import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.cookie.ConsentCookieCodec;
import dev.samtykke.core.cookie.KeyRing;
import dev.samtykke.core.ledger.ConsentLedger;
import dev.samtykke.core.ledger.ConsentRecord;
import dev.samtykke.core.ledger.InMemoryConsentLedger;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyLoader;
import dev.samtykke.servlet.Samtykke;
import dev.samtykke.servlet.SamtykkeConfig;
import jakarta.servlet.DispatcherType;
import dev.samtykke.core.stats.StatsCount;
import dev.samtykke.core.stats.StatsMetric;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.CopyOnWriteArrayList;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The server the banner tests run against: the real {@link Samtykke} filter and endpoints with the
 * Jackon reference policy and an in-memory ledger, in front of {@link TestPageServlet}, on an
 * embedded Jetty at 127.0.0.1 on a free port.
 */
final class BannerSite implements AutoCloseable {

    static final ConsentPolicy POLICY = PolicyLoader.fromClasspath("policies/jackon.json");

    private final Server server;
    private final String origin;
    private final ConsentLedger ledger;
    private final ConsentCookieCodec codec;
    private final Samtykke samtykke;
    /** The {@code Cookie} header of each impression beacon the server received ("" without one), in order. */
    private final List<String> beaconCookies;

    private BannerSite(Server server, String origin, ConsentLedger ledger, ConsentCookieCodec codec, Samtykke samtykke,
                       List<String> beaconCookies) {
        this.server = server;
        this.origin = origin;
        this.ledger = ledger;
        this.codec = codec;
        this.samtykke = samtykke;
        this.beaconCookies = beaconCookies;
    }

    static BannerSite start() throws Exception {
        return start(POLICY);
    }

    /** The same site with another policy (e.g. the reference policy with more locales). */
    static BannerSite start(ConsentPolicy policy) throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        KeyRing keys = KeyRing.fromBase64("browser-test", Base64.getEncoder().encodeToString(key), Map.of());
        ConsentLedger ledger = new InMemoryConsentLedger();
        Clock clock = Clock.systemUTC();
        Samtykke samtykke = Samtykke.builder().policy(policy).keys(keys).ledger(ledger).clock(clock)
                .config(SamtykkeConfig.ofDefaults()).build();

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        List<String> beaconCookies = new CopyOnWriteArrayList<>();
        context.addFilter(new FilterHolder((Filter) (request, response, chain) -> {
            String cookie = ((HttpServletRequest) request).getHeader("Cookie");
            beaconCookies.add(cookie == null ? "" : cookie);
            chain.doFilter(request, response);
        }), "/consent/impression", EnumSet.of(DispatcherType.REQUEST));
        FilterHolder filter = new FilterHolder(samtykke.filter());
        filter.setAsyncSupported(true);
        context.addFilter(filter, "/*", EnumSet.allOf(DispatcherType.class)); // every dispatch: error pages, async
        context.addServlet(new ServletHolder(samtykke.endpoints()), samtykke.endpointsMapping());
        context.addServlet(new ServletHolder(new TestPageServlet()), "/");
        server.setHandler(context);
        server.start();
        return new BannerSite(server, "http://127.0.0.1:" + connector.getLocalPort(), ledger,
                new ConsentCookieCodec(keys, policy, clock), samtykke, beaconCookies);
    }

    /** The first-layer impressions counted today (UTC), in any locale. */
    long impressions() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return samtykke.stats().counts(today, today).stream().filter(c -> c.metric() == StatsMetric.IMPRESSION)
                .mapToLong(StatsCount::count).sum();
    }

    /** The {@code Cookie} header of each impression beacon received so far ("" for none), oldest first. */
    List<String> beaconCookies() {
        return List.copyOf(beaconCookies);
    }

    String url(String path) {
        return origin + path;
    }

    /** The methods of the ledger's records for the visitor whose signed consent cookie this is, oldest first. */
    List<String> ledgerMethods(String consentCookieValue) {
        return history(consentCookieValue).stream().map(ConsentRecord::method).map(m -> m.id()).toList();
    }

    /** The locales of the ledger's records for the visitor whose signed consent cookie this is, oldest first. */
    List<String> ledgerLocales(String consentCookieValue) {
        return history(consentCookieValue).stream().map(ConsentRecord::locale).toList();
    }

    /** The grants of the ledger's records for the visitor whose signed consent cookie this is, oldest first. */
    List<java.util.Map<String, Boolean>> ledgerGrants(String consentCookieValue) {
        return history(consentCookieValue).stream().map(ConsentRecord::grants).toList();
    }

    private List<ConsentRecord> history(String consentCookieValue) {
        ConsentDecision decision = codec.decode(consentCookieValue).decision()
                .orElseThrow(() -> new AssertionError("the consent cookie does not verify"));
        return ledger.history(decision.subjectId());
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the test server", e);
        }
    }
}
