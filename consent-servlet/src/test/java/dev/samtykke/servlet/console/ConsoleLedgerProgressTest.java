package dev.samtykke.servlet.console;

import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.consent.ConsentMethod;
import dev.samtykke.core.ledger.ConsentLedger;
import dev.samtykke.core.ledger.ConsentRecord;
import dev.samtykke.core.ledger.InMemoryConsentLedger;
import dev.samtykke.core.ledger.LedgerVerification;
import dev.samtykke.core.ledger.NewConsentRecord;
import dev.samtykke.core.ledger.VerificationProgress;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.samtykke.servlet.console.ConsoleSite.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger health page and {@code api/ledger} follow a running verification's progress: the positions checked of
 * the total, as text and as a labelled {@code <progress>} element, and in the JSON; and drop it once it ends.
 */
class ConsoleLedgerProgressTest {

    private static final ConsentPolicy POLICY = PolicyLoader.fromClasspath("policies/jackon.json");
    private ConsoleSite site;

    @AfterEach
    void stop() throws Exception {
        if (site != null) {
            site.close();
        }
    }

    @Test
    void aRunningVerificationShowsThePositionsCheckedOfTheTotalInTheJsonAndOnThePage() throws Exception {
        PausingLedger ledger = new PausingLedger(2_500);
        site = new ConsoleSite(ledger);

        assertThat(site.adminPost("/consent/admin/api/ledger/verify", "{}").statusCode()).isEqualTo(202);
        assertThat(ledger.paused.await(10, TimeUnit.SECONDS)).as("the verification reached its first report").isTrue();

        JsonNode running = json(site.adminGet("/consent/admin/api/ledger"));
        assertThat(running.get("running").asBoolean()).isTrue();
        assertThat(running.get("progress").get("checked").asLong()).isEqualTo(1_000);
        assertThat(running.get("progress").get("total").asLong()).isEqualTo(2_500);
        String page = site.adminGet("/consent/admin/ledger").body();
        assertThat(page).contains("<progress id=\"verification-progress\" max=\"2500\" value=\"1000\">40%</progress>",
                "<label for=\"verification-progress\">Verification progress</label>",
                "<span data-checked>1,000</span> of <span data-total>2,500</span> chain positions checked (<span data-percent>40</span>%)",
                "Check progress");

        ledger.release.countDown();
        JsonNode done = running;
        for (int i = 0; i < 500 && done.get("running").asBoolean(); i++) {
            Thread.sleep(10);
            done = json(site.adminGet("/consent/admin/api/ledger"));
        }
        assertThat(done.get("running").asBoolean()).isFalse();
        assertThat(done.has("progress")).as("no progress once it ended").isFalse();
        assertThat(done.get("last").get("recordsChecked").asLong()).isEqualTo(2_500);
        assertThat(site.adminGet("/consent/admin/ledger").body()).doesNotContain("<progress", "chain positions checked");
    }

    @Test
    void aLedgerThatCannotTellItsProgressShowsOnlyThatItRuns() throws Exception {
        ConsolePagesTest.BlockingLedger ledger = new ConsolePagesTest.BlockingLedger();
        site = new ConsoleSite(ledger);

        site.adminPost("/consent/admin/api/ledger/verify", "{}");
        assertThat(ledger.started.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(json(site.adminGet("/consent/admin/api/ledger")).has("progress")).isFalse();
        assertThat(site.adminGet("/consent/admin/ledger").body())
                .contains("<progress aria-label=\"Verification in progress\"></progress>", "Seconds so far")
                .doesNotContain("chain positions checked");
        ledger.release.countDown();
    }

    /** An in-memory ledger of {@code records} records whose verification pauses at its first report of progress. */
    static final class PausingLedger implements ConsentLedger {
        final InMemoryConsentLedger delegate = new InMemoryConsentLedger();
        final CountDownLatch paused = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        PausingLedger(int records) {
            Instant at = Instant.parse("2026-11-26T12:00:00Z");
            List<NewConsentRecord> batch = new ArrayList<>(records);
            for (int i = 0; i < records; i++) {
                ConsentDecision decision = new ConsentDecision("subject-" + i, POLICY.id(), POLICY.version(), Map.of(),
                        ConsentMethod.REJECT_ALL, at, at.plus(Duration.ofDays(365)));
                batch.add(NewConsentRecord.of(decision, POLICY, Locale.ENGLISH, "/"));
            }
            delegate.appendAll(batch);
        }

        @Override
        public LedgerVerification verify(VerificationProgress progress) {
            return delegate.verify(new VerificationProgress() {
                @Override
                public void started(long totalPositions) {
                    progress.started(totalPositions);
                }

                @Override
                public void checked(long positionsChecked) {
                    progress.checked(positionsChecked);
                    if (paused.getCount() > 0) {
                        paused.countDown();
                        try {
                            release.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            });
        }

        @Override
        public LedgerVerification verify() {
            return delegate.verify();
        }

        @Override
        public ConsentRecord append(NewConsentRecord record) {
            return delegate.append(record);
        }

        @Override
        public Optional<ConsentRecord> latest(String subjectId) {
            return delegate.latest(subjectId);
        }

        @Override
        public List<ConsentRecord> history(String subjectId) {
            return delegate.history(subjectId);
        }

        @Override
        public String export(String subjectId, ConsentPolicy policy) {
            return delegate.export(subjectId, policy);
        }

        @Override
        public int erase(String subjectId) {
            return delegate.erase(subjectId);
        }

        @Override
        public int purge(Instant olderThan) {
            return delegate.purge(olderThan);
        }
    }
}
