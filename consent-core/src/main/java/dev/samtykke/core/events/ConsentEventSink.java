package dev.samtykke.core.events;

/**
 * Where the {@link OutboxRelay} delivers consent events: a webhook ({@link WebhookSink}), an in-process publisher (the
 * Spring module's {@code ApplicationEvent}s), or one of your own. A delivery that returns has succeeded; one that
 * throws is retried with back-off, and dead-lettered after the relay's attempt limit. The relay delivers one subject's
 * events in order, each only after the previous one was delivered (or dead-lettered), but may call a sink for different
 * subjects at once: implementations are thread-safe. Delivery is at least once: deduplicate by
 * {@link ConsentEvent#eventId()}.
 */
public interface ConsentEventSink {

    /**
     * The sink's name, stored with each event as delivered to it (so that a retry skips the sinks that already have it),
     * and in logs and metrics.
     *
     * @return 1 to 32 characters: lower-case letters, digits, {@code -} and {@code _}
     */
    String name();

    /**
     * Delivers one event.
     *
     * @param event the event
     * @throws Exception if it was not delivered (it will be tried again)
     */
    void deliver(ConsentEvent event) throws Exception;
}
