package dev.samtykke.core.events;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Delivers consent events to a URL: {@code POST} of the event's JSON ({@link ConsentEvent#toJson()}) with the headers
 * {@code Samtykke-Event-Id} (the idempotency key), {@code Samtykke-Event-Type} and {@value WebhookSignature#HEADER}
 * ({@link WebhookSignature}). A 2xx answer within the timeout is a delivery; anything else (another status, a redirect,
 * a timeout, a refused connection) is a failure the relay retries. Uses the JDK's {@link HttpClient}; redirects are
 * not followed. The secret is never logged, and the URL only as scheme, host and port (its path or query may hold a
 * token).
 */
public final class WebhookSink implements ConsentEventSink {

    /** The header with the event id, the same for every attempt: deduplicate by it. */
    public static final String EVENT_ID_HEADER = "Samtykke-Event-Id";
    /** The header with the event type, e.g. {@code consent.recorded}. */
    public static final String EVENT_TYPE_HEADER = "Samtykke-Event-Type";
    /** The default time a receiver has to answer: 10 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,32}");

    private final String name;
    private final URI url;
    private final WebhookSignature signature;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient client;

    private WebhookSink(Builder b) {
        this.name = b.name;
        this.url = b.url;
        this.signature = new WebhookSignature(b.secret);
        this.timeout = b.timeout;
        this.clock = b.clock;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * A builder.
     *
     * @param name the sink's name, see {@link ConsentEventSink#name()}
     * @param url an {@code http} or {@code https} URL without user info
     * @param secret the shared secret, at least {@value WebhookSignature#MIN_SECRET_BYTES} bytes
     * @return the builder
     * @throws IllegalArgumentException if the name, URL or secret is unacceptable
     */
    public static Builder builder(String name, URI url, byte[] secret) {
        return new Builder(name, url, secret);
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Posts the event and waits for a 2xx answer.
     *
     * @throws WebhookException on any other answer, or none within the timeout
     * @throws InterruptedException if interrupted while waiting
     */
    @Override
    public void deliver(ConsentEvent event) throws WebhookException, InterruptedException {
        String body = event.toJson();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header(EVENT_ID_HEADER, event.eventId())
                .header(EVENT_TYPE_HEADER, event.type().id())
                .header(WebhookSignature.HEADER, signature.sign(clock.instant(), body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<Void> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (HttpTimeoutException e) {
            throw new WebhookException("no answer from " + this + " within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new WebhookException("cannot reach " + this + ": " + e.getClass().getSimpleName());
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw new WebhookException(this + " answered HTTP " + status);
        }
    }

    /** The name, scheme, host and port; never the path, query or secret. */
    @Override
    public String toString() {
        return "webhook " + name + " (" + url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()) + ")";
    }

    /** A delivery a receiver did not accept; the message names no secret, path or personal data. */
    public static final class WebhookException extends Exception {
        private static final long serialVersionUID = 1L;

        WebhookException(String message) {
            super(message, null, false, false);
        }
    }

    /** Builds a {@link WebhookSink}. */
    public static final class Builder {
        private final String name;
        private final URI url;
        private final byte[] secret;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Clock clock = Clock.systemUTC();

        private Builder(String name, URI url, byte[] secret) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("a webhook's name must match " + NAME.pattern() + ", got " + name);
            }
            Objects.requireNonNull(url, "url");
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
                throw new IllegalArgumentException("webhook " + name + ": the URL must be http:// or https:// with a host");
            }
            if (url.getRawUserInfo() != null) {
                throw new IllegalArgumentException("webhook " + name + ": the URL must not hold user info (credentials)");
            }
            if (url.getRawFragment() != null) {
                throw new IllegalArgumentException("webhook " + name + ": the URL must not hold a fragment");
            }
            this.name = name;
            this.url = url;
            this.secret = Objects.requireNonNull(secret, "secret").clone();
            new WebhookSignature(this.secret); // checks its length
        }

        /**
         * How long a receiver has to connect and answer (default {@link WebhookSink#DEFAULT_TIMEOUT}).
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * The clock of the signature's time.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the sink.
         *
         * @return the sink
         */
        public WebhookSink build() {
            return new WebhookSink(this);
        }
    }
}
