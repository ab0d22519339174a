package dev.samtykke.spring.autoconfigure;

import com.sun.net.httpserver.HttpServer;
import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.consent.ConsentMethod;
import dev.samtykke.core.events.ConsentEvent;
import dev.samtykke.core.events.ConsentOutbox;
import dev.samtykke.core.events.InMemoryConsentOutbox;
import dev.samtykke.core.events.WebhookSignature;
import dev.samtykke.core.events.jdbc.JdbcConsentOutbox;
import dev.samtykke.core.ledger.ConsentLedger;
import dev.samtykke.core.ledger.NewConsentRecord;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.spring.ConsentRecordedEvent;
import dev.samtykke.spring.internal.EventRelayLifecycle;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static dev.samtykke.spring.autoconfigure.SamtykkeAutoConfigurationTest.DEV;
import static dev.samtykke.spring.autoconfigure.SamtykkeAutoConfigurationTest.POLICY;
import static org.assertj.core.api.Assertions.assertThat;

/** Consent events in a Spring Boot application: outbox beside the ledger, ApplicationEvents, webhooks, metrics, lifecycle. */
class EventsAutoConfigurationTest {

    private static final String FAST = "samtykke.events.poll-interval=50ms";
    private static final String SECRET = "spring-webhook-secret-of-32-byte";

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SamtykkeAutoConfiguration.class))
            .withUserConfiguration(Listening.class);

    /** An application listening to consent events; it fails the first delivery when told to. */
    @Configuration(proxyBeanMethods = false)
    static class Listening {
        final List<ConsentEvent> received = new CopyOnWriteArrayList<>();
        final AtomicInteger failuresLeft = new AtomicInteger();

        @EventListener
        void on(ConsentRecordedEvent event) {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("the CRM is down");
            }
            received.add(event.getEvent());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Metrics {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    private static void decide(ApplicationContext context, String subject) {
        ConsentPolicy policy = context.getBean(ConsentPolicy.class);
        Map<String, Boolean> grants = Map.of("analytics", true);
        Instant now = Instant.now();
        ConsentDecision d = new ConsentDecision(subject, policy.id(), policy.version(), grants, ConsentMethod.CUSTOM, now,
                now.plus(Duration.ofDays(365)));
        context.getBean(ConsentLedger.class).append(NewConsentRecord.of(d, policy, Locale.forLanguageTag("nb"), "/"));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited too long").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void theInMemoryLedgersDecisionsAndErasuresReachTheApplicationsListeners() {
        runner.withPropertyValues(POLICY, DEV, FAST).run(context -> {
            assertThat(context).hasSingleBean(InMemoryConsentOutbox.class).hasSingleBean(EventRelayLifecycle.class);
            Listening app = context.getBean(Listening.class);

            decide(context, "subject-1");
            await(() -> app.received.size() == 1);
            context.getBean(ConsentLedger.class).erase("subject-1");

            await(() -> app.received.size() == 2);
            assertThat(app.received).extracting(ConsentEvent::type)
                    .containsExactly(ConsentEvent.Type.RECORDED, ConsentEvent.Type.ERASED);
            assertThat(app.received.get(0).granted()).contains("analytics");
        });
    }

    @Test
    void anErasureReplacesTheSubjectsUndeliveredEvents() {
        runner.withPropertyValues(POLICY, DEV, "samtykke.events.poll-interval=1h").run(context -> {
            Listening app = context.getBean(Listening.class);
            EventRelayLifecycle relay = context.getBean(EventRelayLifecycle.class);
            await(() -> relay.isRunning());
            Thread.sleep(200); // the relay's first round, at start, has passed; the next is an hour away
            decide(context, "subject-1");

            context.getBean(ConsentLedger.class).erase("subject-1");
            relay.relay().deliverDue();

            assertThat(app.received).extracting(ConsentEvent::type).containsExactly(ConsentEvent.Type.ERASED);
        });
    }

    @Test
    void aListenerThatFailsGetsTheEventAgain() {
        runner.withPropertyValues(POLICY, DEV, FAST, "samtykke.events.initial-backoff=10ms").run(context -> {
            Listening app = context.getBean(Listening.class);
            app.failuresLeft.set(2);

            decide(context, "subject-1");

            await(() -> app.received.size() == 1);
            assertThat(app.failuresLeft.get()).isNegative();
        });
    }

    @Test
    void withADataSourceTheOutboxIsATableBesideTheLedgersAndTheRelayStopsWithTheContext() {
        EventRelayLifecycle[] relay = new EventRelayLifecycle[1];
        runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withPropertyValues(POLICY, DEV, FAST, "spring.datasource.url=jdbc:h2:mem:events-auto;DB_CLOSE_DELAY=-1",
                        "samtykke.ledger.table-prefix=ev_")
                .run(context -> {
                    assertThat(context.getBean(ConsentOutbox.class)).isInstanceOf(JdbcConsentOutbox.class);
                    assertThat(((JdbcConsentOutbox) context.getBean(ConsentOutbox.class)).table()).isEqualTo("ev_consent_outbox");
                    Listening app = context.getBean(Listening.class);

                    decide(context, "subject-1");

                    await(() -> app.received.size() == 1);
                    relay[0] = context.getBean(EventRelayLifecycle.class);
                    assertThat(relay[0].isRunning()).isTrue();
                });
        assertThat(relay[0].isRunning()).isFalse();
    }

    @Test
    void configuredWebhooksReceiveSignedEvents() throws Exception {
        List<String[]> posts = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            posts.add(new String[] {new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER)});
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            runner.withPropertyValues(POLICY, DEV, FAST,
                            "samtykke.events.webhooks[0].name=crm",
                            "samtykke.events.webhooks[0].url=http://127.0.0.1:" + server.getAddress().getPort() + "/hook",
                            "samtykke.events.webhooks[0].secret=" + SECRET)
                    .run(context -> {
                        decide(context, "subject-1");

                        await(() -> posts.size() == 1);
                        String[] post = posts.get(0);
                        assertThat(ConsentEvent.fromJson(post[0]).subjectId()).isEqualTo("subject-1");
                        assertThat(new WebhookSignature(SECRET.getBytes(StandardCharsets.UTF_8))
                                .verify(post[1], post[0], Instant.now(), Duration.ofMinutes(5))).isTrue();
                    });
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aBadWebhookStopsStartUpNamingThePropertyButNotTheSecret() {
        runner.withPropertyValues(POLICY, DEV, "samtykke.events.webhooks[0].url=ftp://crm.example.com/x",
                "samtykke.events.webhooks[0].secret=" + SECRET).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("http");
            assertThat(context.getStartupFailure()).hasStackTraceContaining("samtykke.events.webhooks[0]")
                    .hasStackTraceContaining("URL must be http");
            assertThat(context.getStartupFailure()).satisfies(t -> assertThat(stack(t)).doesNotContain(SECRET));
        });
        runner.withPropertyValues(POLICY, DEV, "samtykke.events.webhooks[0].url=https://crm.example.com/x").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("samtykke.events.webhooks[0].secret is missing");
        });
    }

    private static String stack(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }

    @Test
    void eventsCanBeTurnedOff() {
        runner.withPropertyValues(POLICY, DEV, "samtykke.events.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(ConsentOutbox.class).doesNotHaveBean(EventRelayLifecycle.class);
            decide(context, "subject-1");
            assertThat(context.getBean(ConsentLedger.class).latest("subject-1")).isPresent();
        });
    }

    @Test
    void deliveriesAreCountedAndTheBacklogMeasured() {
        runner.withUserConfiguration(Metrics.class).withPropertyValues(POLICY, DEV, FAST).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            Listening app = context.getBean(Listening.class);

            decide(context, "subject-1");

            await(() -> app.received.size() == 1);
            await(() -> registry.find("samtykke.events.delivered").tag("sink", "application").counter() != null
                    && registry.find("samtykke.events.delivered").tag("sink", "application").counter().count() == 1);
            assertThat(registry.find("samtykke.events.pending").gauge()).isNotNull();
            assertThat(registry.find("samtykke.events.lag").gauge()).isNotNull();
            assertThat(registry.find("samtykke.events.dead.lettered").counter().count()).isZero();
        });
    }
}
