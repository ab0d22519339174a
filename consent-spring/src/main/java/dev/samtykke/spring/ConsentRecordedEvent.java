package dev.samtykke.spring;

import dev.samtykke.core.events.ConsentEvent;
import org.springframework.context.ApplicationEvent;

/**
 * A consent event, published to the application's {@code @EventListener}s by Samtykke's event relay: a decision
 * recorded in the ledger, or (with {@link ConsentEvent.Type#ERASED}) a subject erased, whose data your other systems
 * must erase too. Published from the outbox after the ledger's transaction committed, on the relay's thread, each
 * subject's events in order, at least once: a listener that throws has the event delivered again later (with back-off),
 * so make listeners idempotent by {@link ConsentEvent#eventId()}.
 */
public class ConsentRecordedEvent extends ApplicationEvent {

    private static final long serialVersionUID = 1L;

    private final transient ConsentEvent event;

    /**
     * An application event for a consent event.
     *
     * @param source the publisher
     * @param event the consent event
     */
    public ConsentRecordedEvent(Object source, ConsentEvent event) {
        super(source);
        this.event = event;
    }

    /**
     * The consent event.
     *
     * @return the event
     */
    public ConsentEvent getEvent() {
        return event;
    }
}
