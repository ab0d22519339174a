package dev.samtykke.servlet;

import dev.samtykke.core.stats.StatsCount;
import dev.samtykke.core.stats.StatsMetric;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The counters the privacy console shows: the impression beacon, and each decision counted as it is recorded. */
class ConsentCountersTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    private TestSite site;

    @BeforeEach
    void start() throws Exception {
        site = TestSite.start();
    }

    @AfterEach
    void stop() throws Exception {
        site.close();
    }

    private List<StatsCount> counts() {
        return site.samtykke.stats().counts(TODAY, TODAY);
    }

    @Test
    void theBeaconCountsAnImpressionInThePolicyLocaleAndReadsAndSetsNoCookie() throws Exception {
        HttpResponse<String> en = site.post("/consent/impression?lang=en", "", "Cookie", "consent=whatever");
        HttpResponse<String> unknown = site.post("/consent/impression?lang=xx", "");
        site.send(site.request("/consent/impression?lang=en").POST(HttpRequest.BodyPublishers.noBody())
                .header("Sec-Fetch-Site", "same-origin"));

        assertThat(en.statusCode()).isEqualTo(204);
        assertThat(unknown.statusCode()).isEqualTo(204);
        assertThat(TestSite.setCookies(en)).isEmpty();
        assertThat(en.headers().firstValue("Cache-Control")).hasValue("no-store");
        String defaultLocale = site.samtykke.policy().defaultLocale().toLanguageTag();
        assertThat(counts()).containsExactlyInAnyOrder(
                new StatsCount(TODAY, site.samtykke.policy().version().toString(), "en", StatsMetric.IMPRESSION, "", 2),
                new StatsCount(TODAY, site.samtykke.policy().version().toString(), defaultLocale, StatsMetric.IMPRESSION, "", 1));
    }

    @Test
    void theBeaconRefusesCrossSiteRequestsOtherMethodsAndLargeBodies() throws Exception {
        assertThat(site.post("/consent/impression", "", "Origin", "https://evil.example").statusCode()).isEqualTo(403);
        assertThat(site.post("/consent/impression", "", "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
        assertThat(site.get("/consent/impression").statusCode()).isEqualTo(405);
        assertThat(site.post("/consent/impression", "x".repeat(5000)).statusCode()).isEqualTo(413);
        assertThat(counts()).isEmpty();
    }

    @Test
    void aFloodOfBeaconsWithMadeUpLanguagesOnlyRaisesTheCountersOfThePolicysLocales() throws Exception {
        for (int i = 0; i < 100; i++) {
            String made = "x" + i + "-" + Integer.toHexString(i * 7919);
            assertThat(site.post("/consent/impression?lang=" + made, "", "Accept-Language", made + ";q=1, zz-" + i)
                    .statusCode()).isEqualTo(204);
        }
        site.post("/consent/impression?lang=" + "a".repeat(5000), "");

        List<StatsCount> counts = counts();
        assertThat(counts).extracting(StatsCount::locale)
                .isSubsetOf(site.samtykke.policy().locales().stream().map(java.util.Locale::toLanguageTag).toList());
        assertThat(counts).extracting(StatsCount::policyVersion).containsOnly(site.samtykke.policy().version().toString());
        assertThat(counts.stream().mapToLong(StatsCount::count).sum()).isEqualTo(101);
    }

    @Test
    void eachRecordedDecisionIsCountedByKindAndPurposeWithoutItsSubject() throws Exception {
        site.post("/consent?lang=en", "{\"acceptAll\":true}");
        site.post("/consent?lang=en", "{\"rejectAll\":true}");
        site.post("/consent?lang=en", "{\"purposes\":{\"analytics\":true}}");
        site.delete("/consent?lang=en");

        List<StatsCount> counts = counts();
        assertThat(counts).filteredOn(c -> c.metric() == StatsMetric.DECISION).extracting(StatsCount::item, StatsCount::count)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("accept-all", 1L),
                        org.assertj.core.groups.Tuple.tuple("reject-all", 1L), org.assertj.core.groups.Tuple.tuple("custom", 1L),
                        org.assertj.core.groups.Tuple.tuple("withdraw", 1L));
        assertThat(counts).filteredOn(c -> c.metric() == StatsMetric.GRANTED && c.item().equals("analytics"))
                .singleElement().extracting(StatsCount::count).isEqualTo(2L);
        assertThat(counts).allSatisfy(c -> assertThat(c.locale()).isEqualTo("en"));
        String subject = site.ledger.appended.get(0).decision().subjectId();
        assertThat(counts).noneMatch(c -> c.toString().contains(subject));
    }

    @Test
    void aDecisionTheLedgerRefusesIsNotCounted() throws Exception {
        site.ledger.failing = true;
        assertThat(site.post("/consent", "{\"acceptAll\":true}").statusCode()).isEqualTo(503);
        assertThat(counts()).isEmpty();
    }
}
