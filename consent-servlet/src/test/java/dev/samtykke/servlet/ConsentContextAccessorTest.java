package dev.samtykke.servlet;

import dev.samtykke.core.consent.ConsentEvaluator;
import dev.samtykke.core.consent.ConsentState;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshotFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** The request's consent travels to other threads with Micrometer's context propagation, and no further. */
class ConsentContextAccessorTest {

    private final ConsentState state = new ConsentEvaluator(TestSite.POLICY, TestSite.CLOCK).evaluate(null, false);
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
        assertThat(ConsentContext.isBound()).isFalse();
    }

    @Test
    void isRegisteredThroughTheServiceLoader() {
        assertThat(ContextRegistry.getInstance().getThreadLocalAccessors())
                .anyMatch(a -> a instanceof ConsentContextAccessor && ConsentContextAccessor.KEY.equals(a.key()));
    }

    @Test
    void aCapturedTaskSeesTheRequestsConsentAndLeavesItsThreadClean() throws Exception {
        ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();
        Runnable task;
        try (ConsentContext.Binding binding = ConsentContext.bind(state)) {
            task = snapshots.captureAll().wrap(() -> {
                assertThat(ConsentContext.current()).isSameAs(state);
                assertThat(ConsentContext.allows("analytics")).isFalse();
            });
        }
        executor.submit(task).get();
        Optional<ConsentState> afterwards = executor.submit(ConsentContext::find).get();
        assertThat(afterwards).isEmpty();
    }

    @Test
    void aTaskCapturedOutsideARequestClearsWhatThePooledThreadHeld() throws Exception {
        ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().clearMissing(true).build();
        Runnable task = snapshots.captureAll().wrap(() -> {
            assertThat(ConsentContext.isBound()).isFalse();
        });
        executor.submit(() -> { ConsentContext.bind(state); }).get(); // a thread left dirty by careless code
        executor.submit(task).get();
        assertThat(executor.submit(ConsentContext::find).get()).contains(state); // restored after the task
    }
}
