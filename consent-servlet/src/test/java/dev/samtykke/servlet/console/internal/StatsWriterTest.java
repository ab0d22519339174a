package dev.samtykke.servlet.console.internal;

import dev.samtykke.core.stats.DailyStats;
import dev.samtykke.core.stats.StatsReport;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The stats API's JSON and CSV carry the per-service counters of a policy that asks per service, and make cells inert. */
class StatsWriterTest {

    private static final LocalDate DAY = LocalDate.parse("2026-11-25");
    private static final StatsReport REPORT = new StatsReport(DAY, DAY, List.of(new DailyStats(DAY, 7,
            Map.of("accept-all", 2L, "reject-all", 1L, "custom", 1L, "withdraw", 0L),
            Map.of("analytics", 3L, "analytics/google-analytics", 2L, "marketing", 2L),
            Map.of("analytics", 1L, "analytics/google-analytics", 2L, "marketing", 2L))));

    @Test
    void theCsvListsThePolicysPurposesFirstThenEveryOtherCountedItemSuchAsAService() {
        String csv = new String(StatsWriter.csv(REPORT, List.of("marketing", "analytics")), StandardCharsets.UTF_8);

        assertThat(csv.split("\r\n")).containsExactly(
                "date,impressions,accept-all,reject-all,custom,withdraw,granted:marketing,granted:analytics,"
                        + "granted:analytics/google-analytics,denied:marketing,denied:analytics,denied:analytics/google-analytics",
                "2026-11-25,7,2,1,1,0,2,3,2,2,1,2");
    }

    @Test
    void theJsonCarriesTheServiceCountersBesideThePurposes() {
        String json = new String(StatsWriter.json(REPORT), StandardCharsets.UTF_8);

        assertThat(json).contains("\"granted\":{\"analytics\":3,\"analytics/google-analytics\":2,\"marketing\":2}",
                "\"denied\":{\"analytics\":1,\"analytics/google-analytics\":2,\"marketing\":2}");
    }

    @Test
    void aCellASpreadsheetWouldTakeForAFormulaIsMadeInertAndQuoted() {
        assertThat(StatsWriter.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(StatsWriter.cell("-1")).isEqualTo("'-1");
        assertThat(StatsWriter.cell("plain")).isEqualTo("plain");
    }
}
