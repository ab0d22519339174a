package dev.samtykke.servlet.console;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.concurrent.TimeUnit;

import static dev.samtykke.servlet.console.ConsoleSite.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger health page and {@code api/ledger} follow a running verification's progress: the positions checked of
 * the total, as text and as a labelled {@code <progress>} element, and in the JSON; and drop it once it ends.
 */
class ConsoleLedgerProgressTest {

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
        assertThat(ledger.reached()).as("the verification stopped at its first report").isEqualTo(1_000);

        JsonNode running = json(site.adminGet("/consent/admin/api/ledger"));
        assertThat(running.get("running").asBoolean()).isTrue();
        assertThat(running.get("progress").get("checked").asLong()).isEqualTo(1_000);
        assertThat(running.get("progress").get("total").asLong()).isEqualTo(2_500);
        String page = site.adminGet("/consent/admin/ledger").body();
        assertThat(page).contains("<progress id=\"verification-progress\" max=\"2500\" value=\"1000\">40%</progress>",
                "<label for=\"verification-progress\">Verification progress</label>",
                "<span data-checked>1,000</span> of <span data-total>2,500</span> chain positions checked (<span data-percent>40</span>%)",
                "Check progress");

        ledger.finish();
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
}
