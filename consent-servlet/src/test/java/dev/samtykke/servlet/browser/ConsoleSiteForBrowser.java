package dev.samtykke.servlet.browser;

import dev.samtykke.core.cookie.KeyRing;
import dev.samtykke.core.ledger.InMemoryConsentLedger;
import dev.samtykke.core.policy.PolicyLoader;
import dev.samtykke.core.stats.InMemoryConsentStats;
import dev.samtykke.core.stats.StatsCount;
import dev.samtykke.core.stats.StatsMetric;
import dev.samtykke.servlet.Samtykke;
import dev.samtykke.servlet.console.ConsoleAccess;
import dev.samtykke.servlet.console.PrivacyConsole;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A site with the privacy console for the browser tests: the console admits every request as the user {@code dpo}
 * (access control is tested on the servlet and Spring levels), and its counters hold 30 days of made-up figures
 * (policy version 0.9 for the first 12 days, then 1.0, in English and Norwegian), seeded so that the pages look the
 * same on every run.
 */
final class ConsoleSiteForBrowser implements AutoCloseable {

    final InMemoryConsentLedger ledger = new InMemoryConsentLedger();
    final InMemoryConsentStats stats = new InMemoryConsentStats();
    private final Server server;
    private final String origin;

    ConsoleSiteForBrowser() throws Exception {
        this(null);
    }

    /** A site whose Samtykke uses {@code ledgerOverride} instead of {@link #ledger}, where not {@code null}. */
    ConsoleSiteForBrowser(dev.samtykke.core.ledger.ConsentLedger ledgerOverride) throws Exception {
        Samtykke samtykke = Samtykke.builder().policy(PolicyLoader.fromClasspath("policies/jackon.json"))
                .keys(KeyRing.fromBase64("t1", Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes()),
                        Map.of()))
                .ledger(ledgerOverride == null ? ledger : ledgerOverride).stats(stats).build();
        PrivacyConsole console = PrivacyConsole.builder(samtykke, request -> ConsoleAccess.granted("dpo")).build();
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
        origin = "http://127.0.0.1:" + connector.getLocalPort();
        seedCounters();
    }

    String url(String path) {
        return origin + path;
    }

    /** A visitor's decision through the public endpoint; its consent id. */
    String decide(String json, String lang) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url("/consent?lang=" + lang)))
                .POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json")
                .header("Origin", origin).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("decision refused: " + response.statusCode());
        }
        return JsonMapper.builder().build().readTree(response.body()).get("consentId").asString();
    }

    private void seedCounters() {
        Random random = new Random(15);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<StatsCount> counts = new ArrayList<>();
        for (int d = 29; d >= 1; d--) {
            LocalDate day = today.minusDays(d);
            String version = d > 17 ? "0.9" : "1.0";
            for (String locale : List.of("en", "nb")) {
                int impressions = 40 + random.nextInt(20);
                double accept = version.equals("0.9") ? 0.55 : 0.42;
                int acceptAll = (int) Math.round(impressions * (accept + random.nextGaussian() * 0.05));
                int rejectAll = (int) Math.round(impressions * (0.25 + random.nextGaussian() * 0.03));
                int custom = 3 + random.nextInt(5);
                int analytics = acceptAll + custom / 2;
                int marketing = acceptAll + custom / 4;
                int decisions = acceptAll + rejectAll + custom;
                counts.add(new StatsCount(day, version, locale, StatsMetric.IMPRESSION, "", impressions));
                counts.add(new StatsCount(day, version, locale, StatsMetric.DECISION, "accept-all", acceptAll));
                counts.add(new StatsCount(day, version, locale, StatsMetric.DECISION, "reject-all", rejectAll));
                counts.add(new StatsCount(day, version, locale, StatsMetric.DECISION, "custom", custom));
                counts.add(new StatsCount(day, version, locale, StatsMetric.DECISION, "withdraw", random.nextInt(2)));
                counts.add(new StatsCount(day, version, locale, StatsMetric.GRANTED, "analytics", analytics));
                counts.add(new StatsCount(day, version, locale, StatsMetric.DENIED, "analytics", decisions - analytics));
                counts.add(new StatsCount(day, version, locale, StatsMetric.GRANTED, "marketing", marketing));
                counts.add(new StatsCount(day, version, locale, StatsMetric.DENIED, "marketing", decisions - marketing));
            }
        }
        stats.add(counts);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
