package dev.samtykke.servlet;

import dev.samtykke.core.consent.ConsentState;
import io.micrometer.context.ThreadLocalAccessor;

/**
 * Carries {@link ConsentContext} across threads with Micrometer's context propagation
 * ({@code io.micrometer:context-propagation}), which Spring uses for {@code @Async} methods and executors
 * decorated with {@code ContextPropagatingTaskDecorator}, and Reactor for its automatic context propagation.
 *
 * <p>Registered through {@code META-INF/services/io.micrometer.context.ThreadLocalAccessor}, so
 * {@code ContextRegistry.getInstance()} finds it without configuration. A propagated task sees the consent of
 * the request that submitted it; when the task ends, its thread holds again what it held before (usually
 * nothing), so an executor's pooled thread never keeps a visitor's consent.
 */
public final class ConsentContextAccessor implements ThreadLocalAccessor<ConsentState> {

    /** The key under which the consent travels in a context snapshot. */
    public static final String KEY = "samtykke.consent";

    /** An accessor; instantiated by the {@link java.util.ServiceLoader}. */
    public ConsentContextAccessor() {
    }

    @Override
    public Object key() {
        return KEY;
    }

    @Override
    public ConsentState getValue() {
        return ConsentContext.boundOrNull();
    }

    @Override
    public void setValue(ConsentState value) {
        ConsentContext.restore(value);
    }

    @Override
    public void setValue() {
        ConsentContext.restore(null);
    }

    @Override
    public void restore(ConsentState previousValue) {
        ConsentContext.restore(previousValue);
    }

    @Override
    public void restore() {
        ConsentContext.restore(null);
    }
}
