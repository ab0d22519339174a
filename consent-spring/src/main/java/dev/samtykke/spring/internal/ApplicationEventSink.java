package dev.samtykke.spring.internal;

import dev.samtykke.core.events.ConsentEvent;
import dev.samtykke.core.events.ConsentEventSink;
import dev.samtykke.spring.ConsentRecordedEvent;
import org.springframework.context.ApplicationEventPublisher;

/** Delivers consent events to the application's listeners as {@link ConsentRecordedEvent}s; a listener's exception is a failed delivery. */
public final class ApplicationEventSink implements ConsentEventSink {

    /** The sink's name in the outbox, logs and metrics. */
    public static final String NAME = "application";

    private final ApplicationEventPublisher publisher;

    /**
     * A sink publishing through the application context.
     *
     * @param publisher the publisher
     */
    public ApplicationEventSink(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void deliver(ConsentEvent event) {
        publisher.publishEvent(new ConsentRecordedEvent(this, event));
    }
}
