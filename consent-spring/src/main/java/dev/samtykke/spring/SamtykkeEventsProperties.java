package dev.samtykke.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code samtykke.events.*}: consent events for the systems after the web tier (see {@code docs/events.md}). Each ledger
 * record and erasure becomes an event in the outbox, in the same transaction, which a relay delivers as a
 * {@link ConsentRecordedEvent} to the application's listeners and to every configured webhook.
 */
@ConfigurationProperties("samtykke.events")
public class SamtykkeEventsProperties {

    /**
     * Write a consent event for each ledger record and erasure into the outbox (a table beside the ledger's, or memory)
     * and deliver it to the application's listeners and webhooks.
     */
    private boolean enabled = true;

    /** Webhooks that receive every consent event as signed JSON: each with a name, an http(s) url and a secret. */
    private List<Webhook> webhooks = new ArrayList<>();

    /** Failed deliveries of an event before it is dead-lettered. */
    private int maxAttempts = 12;

    /** Wait before the first retry of a failed delivery; doubled after each further failure, with jitter. */
    private Duration initialBackoff = Duration.ofSeconds(1);

    /** Longest wait between two attempts to deliver an event. */
    private Duration maxBackoff = Duration.ofMinutes(10);

    /** How often the relay looks for events to deliver. */
    private Duration pollInterval = Duration.ofSeconds(1);

    /** How long delivered events stay in the outbox table before they are deleted. */
    private Duration retention = Duration.ofDays(7);

    /** Properties with their defaults. */
    public SamtykkeEventsProperties() {
    }

    /**
     * Whether events are written and delivered.
     *
     * @return {@code true} by default
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets whether events are written and delivered.
     *
     * @param enabled whether
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * The webhooks.
     *
     * @return the webhooks, empty by default
     */
    public List<Webhook> getWebhooks() {
        return webhooks;
    }

    /**
     * Sets the webhooks.
     *
     * @param webhooks the webhooks
     */
    public void setWebhooks(List<Webhook> webhooks) {
        this.webhooks = webhooks;
    }

    /**
     * Attempts before dead-lettering.
     *
     * @return 12 by default
     */
    public int getMaxAttempts() {
        return maxAttempts;
    }

    /**
     * Sets the attempts before dead-lettering.
     *
     * @param maxAttempts at least 1
     */
    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    /**
     * The first retry's wait.
     *
     * @return 1 s by default
     */
    public Duration getInitialBackoff() {
        return initialBackoff;
    }

    /**
     * Sets the first retry's wait.
     *
     * @param initialBackoff positive
     */
    public void setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = initialBackoff;
    }

    /**
     * The longest wait between attempts.
     *
     * @return 10 minutes by default
     */
    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    /**
     * Sets the longest wait between attempts.
     *
     * @param maxBackoff at least the initial back-off
     */
    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    /**
     * How often the relay polls.
     *
     * @return 1 s by default
     */
    public Duration getPollInterval() {
        return pollInterval;
    }

    /**
     * Sets how often the relay polls.
     *
     * @param pollInterval positive
     */
    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    /**
     * How long delivered events are kept.
     *
     * @return 7 days by default
     */
    public Duration getRetention() {
        return retention;
    }

    /**
     * Sets how long delivered events are kept.
     *
     * @param retention positive
     */
    public void setRetention(Duration retention) {
        this.retention = retention;
    }

    /** One webhook. */
    public static class Webhook {

        /** The webhook's name, in logs and metrics: lower-case letters, digits, - and _. */
        private String name;

        /** The http or https URL events are posted to. */
        private String url;

        /** The shared secret the deliveries are signed with (HMAC-SHA256), at least 16 bytes; use 32 random ones. */
        private String secret;

        /** How long the receiver has to answer. */
        private Duration timeout = Duration.ofSeconds(10);

        /** A webhook without settings. */
        public Webhook() {
        }

        /**
         * The name.
         *
         * @return e.g. {@code crm}
         */
        public String getName() {
            return name;
        }

        /**
         * Sets the name.
         *
         * @param name e.g. {@code crm}
         */
        public void setName(String name) {
            this.name = name;
        }

        /**
         * The URL.
         *
         * @return e.g. {@code https://crm.example.com/hooks/consent}
         */
        public String getUrl() {
            return url;
        }

        /**
         * Sets the URL.
         *
         * @param url http or https
         */
        public void setUrl(String url) {
            this.url = url;
        }

        /**
         * The secret.
         *
         * @return the secret
         */
        public String getSecret() {
            return secret;
        }

        /**
         * Sets the secret.
         *
         * @param secret at least 16 bytes (UTF-8)
         */
        public void setSecret(String secret) {
            this.secret = secret;
        }

        /**
         * The receiver's time to answer.
         *
         * @return 10 s by default
         */
        public Duration getTimeout() {
            return timeout;
        }

        /**
         * Sets the receiver's time to answer.
         *
         * @param timeout positive
         */
        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        /** Never shows the secret. */
        @Override
        public String toString() {
            return "Webhook[" + name + "]";
        }
    }
}
