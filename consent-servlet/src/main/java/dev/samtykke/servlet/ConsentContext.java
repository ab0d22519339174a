package dev.samtykke.servlet;

import dev.samtykke.core.consent.ConsentState;

import java.util.Objects;
import java.util.Optional;

/**
 * The consent of the request the current thread is serving, for code that has no request at hand
 * (a template helper, a service method). {@link ConsentFilter} binds it on the thread of each dispatch of
 * a request (the request itself, a forward or include, an error page, an async dispatch) and releases it
 * when that dispatch leaves the filter, also when the application throws.
 *
 * <pre>{@code
 * if (ConsentContext.allows("analytics")) {
 *     out.print(analyticsSnippet);
 * }
 * }</pre>
 *
 * <p>The context belongs to the thread that serves the dispatch (bound again on each dispatch). Work handed to another thread sees it
 * where Micrometer's context propagation carries thread-locals across (Spring's
 * {@code ContextPropagatingTaskDecorator} on an {@code @Async} executor, Reactor's automatic context
 * propagation): with {@code io.micrometer:context-propagation} on the class path,
 * {@link ConsentContextAccessor} registers itself. Without it, capture the state and bind it in the task:
 * <pre>{@code
 * ConsentState consent = ConsentContext.current();
 * executor.submit(() -> {
 *     try (ConsentContext.Binding b = ConsentContext.bind(consent)) {
 *         work();
 *     }
 * });
 * }</pre>
 */
public final class ConsentContext {

    private static final ThreadLocal<ConsentState> CURRENT = new ThreadLocal<>();

    private ConsentContext() {
    }

    /**
     * The consent bound to this thread.
     *
     * @return the request's consent state
     * @throws IllegalStateException if none is bound (no {@link ConsentFilter} on this request, or another thread)
     */
    public static ConsentState current() {
        ConsentState state = CURRENT.get();
        if (state == null) {
            throw new IllegalStateException("No consent is bound to this thread: is ConsentFilter mapped to this "
                    + "request, and is this the thread serving it?");
        }
        return state;
    }

    /** The consent bound to this thread, or {@code null}. */
    static ConsentState boundOrNull() {
        return CURRENT.get();
    }

    /**
     * The consent bound to this thread, if any.
     *
     * @return the state, or empty outside a filtered request
     */
    public static Optional<ConsentState> find() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * Whether the current request's visitor allows a purpose.
     *
     * @param purposeId a purpose id of the policy
     * @return {@code true} if allowed
     * @throws IllegalStateException if no consent is bound to this thread
     */
    public static boolean allows(String purposeId) {
        return current().allows(purposeId);
    }

    /**
     * Whether a consent is bound to this thread.
     *
     * @return {@code true} inside a filtered request
     */
    public static boolean isBound() {
        return CURRENT.get() != null;
    }

    /**
     * Binds a state to this thread until the returned binding is closed; use in try-with-resources.
     *
     * @param state the state to bind
     * @return the binding, whose {@code close()} releases it
     * @throws IllegalStateException if a state is already bound to this thread
     */
    public static Binding bind(ConsentState state) {
        Objects.requireNonNull(state, "state");
        if (CURRENT.get() != null) {
            throw new IllegalStateException("A consent state is already bound to this thread: a binding was not "
                    + "closed, or a request is nested in another");
        }
        CURRENT.set(state);
        return new Binding(state);
    }

    /**
     * Sets (or, with {@code null}, clears) this thread's state without the nesting check of {@link #bind}: for
     * {@link ConsentContextAccessor}, which restores whatever the thread held before a propagated task ran.
     */
    static void restore(ConsentState state) {
        if (state == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(state);
        }
    }

    /** A state bound to the thread; closing it releases the thread. */
    public static final class Binding implements AutoCloseable {
        private final ConsentState state;

        private Binding(ConsentState state) {
            this.state = state;
        }

        /**
         * Releases the thread; closing twice does nothing. The thread keeps its (now empty) slot for the
         * next request: removing it would make every request allocate a new one, and tidy the thread's
         * table, twice (once for the filter's look-up, once for the binding). An empty slot holds nothing.
         */
        @Override
        public void close() {
            if (CURRENT.get() == state) {
                CURRENT.set(null);
            }
        }
    }
}
