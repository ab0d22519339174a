package dev.samtykke.spring.autoconfigure;

import dev.samtykke.core.events.ConsentOutbox;
import dev.samtykke.core.events.InMemoryConsentOutbox;
import dev.samtykke.core.events.OutboxRelay;
import dev.samtykke.core.events.WebhookSink;
import dev.samtykke.core.events.jdbc.JdbcConsentOutbox;
import dev.samtykke.spring.SamtykkeEventsProperties;
import dev.samtykke.spring.SamtykkeProperties;
import dev.samtykke.spring.internal.ApplicationEventSink;
import dev.samtykke.spring.internal.EventRelayLifecycle;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Consent events ({@code samtykke.events.enabled}, on by default): the outbox beside the ledger (its table in the
 * ledger's database, or memory with the in-memory ledger), which the auto-configured ledger writes to in each append's
 * transaction; and the relay that delivers its events as {@code ConsentRecordedEvent}s and to the configured webhooks,
 * started and stopped with the context. See {@code docs/events.md}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "samtykke.events.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SamtykkeEventsProperties.class)
class EventsConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ConsentOutbox consentOutbox(SamtykkeProperties properties, ObjectProvider<DataSource> dataSources) {
        DataSource dataSource = LedgerConfiguration.ledgerDataSource(properties, dataSources);
        if (dataSource == null) {
            return new InMemoryConsentOutbox();
        }
        return JdbcConsentOutbox.builder(dataSource)
                .tablePrefix(properties.getLedger().getTablePrefix())
                .schemaManagement(properties.getLedger().getSchema())
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    EventRelayLifecycle samtykkeEventRelay(ConsentOutbox outbox, SamtykkeEventsProperties properties,
                                           ApplicationEventPublisher publisher, ObjectProvider<OutboxRelay.Listener> listeners) {
        OutboxRelay.Builder relay = OutboxRelay.builder(outbox)
                .sink(new ApplicationEventSink(publisher))
                .maxAttempts(properties.getMaxAttempts())
                .backoff(properties.getInitialBackoff(), properties.getMaxBackoff())
                .pollInterval(properties.getPollInterval());
        List<SamtykkeEventsProperties.Webhook> webhooks = properties.getWebhooks();
        for (int i = 0; i < webhooks.size(); i++) {
            relay.sink(webhook(webhooks.get(i), i));
        }
        OutboxRelay.Listener listener = listeners.getIfUnique();
        if (listener != null) {
            relay.listener(listener);
        }
        return new EventRelayLifecycle(relay.build(), outbox, properties.getRetention());
    }

    /** A webhook from its properties; a missing or bad setting stops start-up, naming the property (never the secret). */
    private static WebhookSink webhook(SamtykkeEventsProperties.Webhook w, int index) {
        String at = "samtykke.events.webhooks[" + index + "].";
        if (w.getUrl() == null || w.getUrl().isBlank()) {
            throw new IllegalStateException(at + "url is missing");
        }
        if (w.getSecret() == null || w.getSecret().isBlank()) {
            throw new IllegalStateException(at + "secret is missing: set a random secret of 32 bytes or more, shared with the receiver");
        }
        String name = w.getName() == null ? "webhook-" + index : w.getName();
        try {
            return WebhookSink.builder(name, URI.create(w.getUrl().strip()), w.getSecret().getBytes(StandardCharsets.UTF_8))
                    .timeout(w.getTimeout()).build();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("samtykke.events.webhooks[" + index + "]: " + e.getMessage(), e);
        }
    }
}
