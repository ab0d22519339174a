package dev.samtykke.servlet;

import dev.samtykke.core.ledger.jdbc.JdbcConsentLedger;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A site whose JDBC ledger cannot reach its database: a decision answers 503 at once, without waiting for a
 * connect, and the pages are served as usual. (TestSite fixes its own ledger, so this test starts its own Jetty
 * with TestSite's policy, keys and clock.)
 */
class LedgerUnavailableTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final AtomicInteger connectAttempts = new AtomicInteger();
    private Server server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void decisionsAnswer503AtOnceWhileTheDatabaseIsDownAndThePageIsServed() throws Exception {
        // The ledger's clock is TestSite's fixed clock: the back-off window opened at start-up never ends in this test.
        JdbcConsentLedger ledger = JdbcConsentLedger.builder(unreachableDatabase()).clock(TestSite.CLOCK).build();
        assertThat(connectAttempts).as("the start-up attempt").hasValue(1);
        Samtykke samtykke = Samtykke.builder().policy(TestSite.POLICY).keys(TestSite.KEYS).ledger(ledger)
                .clock(TestSite.CLOCK).build();
        String origin = start(samtykke);

        List<CompletableFuture<HttpResponse<String>>> decisions = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            decisions.add(CLIENT.sendAsync(HttpRequest.newBuilder(URI.create(origin + "/consent"))
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"acceptAll\":true}"))
                    .header("Content-Type", "application/json").header("Origin", origin).header("Sec-Fetch-Site", "same-origin")
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        HttpResponse<String> page = CLIENT.send(HttpRequest.newBuilder(URI.create(origin + "/page")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        for (CompletableFuture<HttpResponse<String>> f : decisions) {
            HttpResponse<String> response = f.get();
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).contains("service_unavailable");
            assertThat(TestSite.setCookie(response, "consent")).as("no cookie for an unrecorded decision").isNull();
        }
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(connectAttempts).as("no request waited for a connect to the database").hasValue(1);
    }

    /** A database that refuses every connection, counting the attempts. */
    private DataSource unreachableDatabase() {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> {
                        connectAttempts.incrementAndGet();
                        throw new SQLException("connect timed out", "08001");
                    }
                    case "toString" -> "unreachable database";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private String start(Samtykke samtykke) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addFilter(new FilterHolder(samtykke.filter()), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(samtykke.endpoints()), samtykke.endpointsMapping());
        context.addServlet(new ServletHolder(new Servlets.Page()), "/page");
        server.setHandler(context);
        server.start();
        return "http://127.0.0.1:" + connector.getLocalPort();
    }
}
