package dev.samtykke.servlet.console;

import dev.samtykke.core.ledger.ConsentLedger;
import dev.samtykke.core.ledger.ConsentRecord;
import dev.samtykke.core.ledger.InMemoryConsentLedger;
import dev.samtykke.core.ledger.LedgerVerification;
import dev.samtykke.core.ledger.NewConsentRecord;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.stats.StatsCount;
import dev.samtykke.core.stats.StatsMetric;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's pages on a real server: refused without the right (JSON, never a page), their shared structure
 * (landmarks, navigation, one heading, no inline script or style), the insights' comparison of policy versions by
 * locale, the ledger health page with its background verification, and the audit trail page.
 */
class ConsolePagesTest {

    private static final List<String> PAGES = List.of("/consent/admin/", "/consent/admin/subjects", "/consent/admin/ledger",
            "/consent/admin/audit");

    private ConsoleSite site;

    @BeforeEach
    void start() throws Exception {
        site = new ConsoleSite();
    }

    @AfterEach
    void stop() throws Exception {
        if (site != null) {
            site.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/consent/admin/subjects", "/consent/admin/ledger", "/consent/admin/audit",
            "/consent/admin/assets/console.css", "/consent/admin/subjects/lookup", "/consent/admin/subjects/erase",
            "/consent/admin/ledger/verify"})
    void everyPageAndFormIsRefusedWithoutAUserOrTheRightAsJsonNeverAPage(String path) throws Exception {
        String id = site.decide("{\"acceptAll\":true}", null).get("consentId").asString();
        ConsoleSite.Forms forms = site.forms("dpo");
        HttpResponse<String> anonymous = site.send(site.request(path).GET());
        HttpResponse<String> visitor = site.send(site.request(path).GET().header("X-Test-User", "eve"));
        HttpResponse<String> visitorPost = site.postForm(path, "eve", forms, Map.of("consentId", id), "X-Test-Role", "visitor");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(visitor.statusCode()).isEqualTo(403);
        assertThat(visitorPost.statusCode()).isEqualTo(403);
        for (HttpResponse<String> r : List.of(anonymous, visitor, visitorPost)) {
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(r.body()).doesNotContain("<html", "csrf");
            assertThat(r.headers().allValues("Set-Cookie")).isEmpty();
        }
        assertThat(site.console.auditTrail().recent(10)).isEmpty();
        assertThat(site.ledger.history(id)).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource({"/consent/admin/, Insights", "/consent/admin/subjects, Data-subject requests",
            "/consent/admin/ledger, Ledger health", "/consent/admin/audit, Audit trail"})
    void everyPageHasLandmarksNavigationOneHeadingAndNoInlineScriptOrStyle(String path, String title) throws Exception {
        HttpResponse<String> page = site.adminGet(path);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'none'", "style-src 'self'", "form-action 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval"));
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        String html = page.body();
        assertThat(html).startsWith("<!DOCTYPE html><html lang=\"en\">")
                .contains("<a class=\"skip\" href=\"#main\">", "<nav aria-label=\"Console pages\">", "<main id=\"main\"",
                        "<footer", "Signed in as <strong>dpo</strong>", "<h1>" + title + "</h1>",
                        "<link rel=\"stylesheet\" href=\"/consent/admin/assets/console.css\">");
        assertThat(Pattern.compile("<h1[ >]").matcher(html).results().count()).as("one h1").isEqualTo(1);
        assertThat(Pattern.compile("aria-current=\"page\"").matcher(html).results().count()).isEqualTo(1);
        assertThat(html).containsPattern("aria-current=\"page\">" + title + "</a>");
        for (String other : PAGES) {
            assertThat(html).contains("href=\"" + other + "\"");
        }
        assertThat(html).doesNotContainIgnoringCase("<style").doesNotContain(" style=\"").doesNotContainPattern("<script>")
                .doesNotContainPattern(" on[a-z]+=\"");
    }

    @Test
    void theStyleSheetAndScriptAreServedAsFilesWithAnEntityTag() throws Exception {
        HttpResponse<String> css = site.adminGet("/consent/admin/assets/console.css");
        HttpResponse<String> js = site.adminGet("/consent/admin/assets/console.js");

        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
        assertThat(css.body()).contains("@media print");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        String etag = css.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = site.send(site.request("/consent/admin/assets/console.css").GET()
                .header("X-Test-User", "dpo").header("X-Test-Role", "admin").header("If-None-Match", etag));
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(site.adminGet("/consent/admin/assets/other.css").statusCode()).isEqualTo(404);
    }

    @Test
    void insightsCompareEachPolicyVersionWithTheOneBeforeInEachLocale() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<StatsCount> counts = new ArrayList<>();
        // en: 1.0 accept-all 2 of 4, analytics granted 3 of 4; 2.0 accept-all 1 of 4, analytics 1 of 4
        counts.add(count(today, "1.0", "en", StatsMetric.DECISION, "accept-all", 2));
        counts.add(count(today, "1.0", "en", StatsMetric.DECISION, "reject-all", 2));
        counts.add(count(today, "1.0", "en", StatsMetric.GRANTED, "analytics", 3));
        counts.add(count(today, "1.0", "en", StatsMetric.DENIED, "analytics", 1));
        counts.add(count(today, "2.0", "en", StatsMetric.DECISION, "accept-all", 1));
        counts.add(count(today, "2.0", "en", StatsMetric.DECISION, "custom", 3));
        counts.add(count(today, "2.0", "en", StatsMetric.GRANTED, "analytics", 1));
        counts.add(count(today, "2.0", "en", StatsMetric.DENIED, "analytics", 3));
        // per-service counters (purpose/service) must neither break the page nor count as the purpose
        counts.add(count(today, "2.0", "en", StatsMetric.GRANTED, "analytics/google-analytics", 50));
        counts.add(count(today.minusDays(1), "10.0", "nb", StatsMetric.DECISION, "accept-all", 1));
        counts.add(count(today.minusDays(1), "9.0", "nb", StatsMetric.DECISION, "reject-all", 1));
        site.stats.add(counts);

        String html = site.adminGet("/consent/admin/?days=7").body();

        assertThat(html).contains("<h2 id=\"versions\">Before and after each policy version, by locale</h2>")
                .contains("<li>Version 2.0 against 1.0: accept all 50% → 25% (−25 points); Improving and developing our"
                        + " services 75% → 25% (−50 points); Target groups and targeted marketing – → –.</li>")
                .contains("<li>Version 10.0 against 9.0: accept all 0% → 100% (+100 points)")
                .contains("<desc id=\"versions-chart-0-desc\">Acceptance by policy version in locale en. Accept all:"
                        + " version 1.0 50% (2 of 4), version 2.0 25% (1 of 4).")
                .contains("<caption>Locale nb: decisions and acceptance by policy version</caption>")
                .doesNotContain("analytics/google-analytics", "51");
        assertThat(html).as("the rate chart marks the day each later version was first shown")
                .contains("Policy version 2.0 was first shown on " + today + " (a dashed vertical line).",
                        "Policy version 10.0 was first shown on " + today.minusDays(1), ">v2.0</text>")
                .doesNotContain("Policy version 1.0 was first shown");
        assertThat(html.indexOf("<th scope=\"row\">9.0</th>")).as("9.0 before 10.0").isLessThan(html.indexOf("<th scope=\"row\">10.0</th>"));
        assertThat(html).as("the share granting analytics over both versions").contains("<strong>50%</strong> (4 of 8)");
    }

    private static StatsCount count(LocalDate day, String version, String locale, StatsMetric metric, String item, long n) {
        return new StatsCount(day, version, locale, metric, item, n);
    }

    @Test
    void theLedgerPageVerifiesInTheBackgroundShowsItRunningAndThenTheResultAndChainHead() throws Exception {
        site.close();
        BlockingLedger ledger = new BlockingLedger();
        site = new ConsoleSite(ledger);
        site.decide("{\"acceptAll\":true}", null);
        ConsoleSite.Forms forms = site.forms("dpo");
        assertThat(site.adminGet("/consent/admin/ledger").body()).contains("Not verified since the application started",
                "<button type=\"submit\">Verify now</button>");

        HttpResponse<String> started = site.postForm("/consent/admin/ledger/verify", "dpo", forms, Map.of());

        assertThat(started.statusCode()).as("post/redirect/get").isEqualTo(303);
        assertThat(started.headers().firstValue("Location")).hasValue("/consent/admin/ledger");
        assertThat(ledger.started.await(10, TimeUnit.SECONDS)).isTrue();
        HttpResponse<String> running = site.adminGet("/consent/admin/ledger");
        assertThat(running.body()).contains("A verification is running since", "<progress", "data-poll=\"/consent/admin/api/ledger\"",
                "Check progress", "<script src=\"/consent/admin/assets/console.js\" defer></script>")
                .doesNotContain("Verify now");
        assertThat(running.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe"));
        assertThat(site.postForm("/consent/admin/ledger/verify", "dpo", forms, Map.of()).statusCode())
                .as("a second click while one runs starts nothing").isEqualTo(303);

        ledger.release.countDown();
        String done = "";
        for (int i = 0; i < 500 && !done.contains("Intact"); i++) {
            Thread.sleep(10);
            done = site.adminGet("/consent/admin/ledger").body();
        }
        assertThat(done).contains("<strong>Intact</strong>", "<dt>Records checked</dt><dd>1</dd>", "Chain head",
                "<code class=\"anchor\">" + ledger.delegate.verify().anchor() + "</code>", "Verify now");
        assertThat(site.console.auditTrail().recent(10)).extracting(e -> e.action().id() + " " + e.outcome())
                .containsExactly("verification intact, 1 records", "verification started");
    }

    @Test
    void theAuditTrailPageListsEveryActionWithWhoAndWhen() throws Exception {
        String id = site.decide("{\"acceptAll\":true}", null).get("consentId").asString();
        site.postForm("/consent/admin/subjects/lookup", "auditor", site.forms("auditor"), Map.of("consentId", id));
        site.postForm("/consent/admin/subjects/export", "dpo", site.forms("dpo"), Map.of("consentId", id, "format", "json"));

        HttpResponse<String> page = site.adminGet("/consent/admin/audit");

        String html = page.body();
        assertThat(html).containsPattern("<tr><th scope=\"row\">\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC</th><td>dpo</td>"
                + "<td>export</td><td><code>sha256:[0-9a-f]{16}</code></td><td>exported</td></tr>");
        assertThat(html).containsPattern("<td>auditor</td><td>look-up</td>");
        assertThat(html.indexOf("<td>export</td>")).as("newest first").isLessThan(html.indexOf("<td>look-up</td>"));
        assertThat(html).doesNotContain(id);
        assertThat(site.adminGet("/consent/admin/audit?limit=1").body()).contains("<td>export</td>").doesNotContain("<td>look-up</td>");
        assertThat(site.adminGet("/consent/admin/audit?limit=0").statusCode()).isEqualTo(400);
        assertThat(site.adminGet("/consent/admin/audit?limit=0").body()).contains("role=\"alert\"", "limit must be");
    }

    @Test
    void aPageOfUnknownPathOrMethodIsRefused() throws Exception {
        assertThat(site.adminGet("/consent/admin/nothing").statusCode()).isEqualTo(404);
        HttpResponse<String> put = site.send(site.request("/consent/admin/subjects").PUT(HttpRequest.BodyPublishers.noBody())
                .header("X-Test-User", "dpo").header("X-Test-Role", "admin"));
        assertThat(put.statusCode()).isEqualTo(405);
    }

    /** A ledger whose verification waits until the test releases it. */
    static final class BlockingLedger implements ConsentLedger {
        final InMemoryConsentLedger delegate = new InMemoryConsentLedger();
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

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

        @Override
        public LedgerVerification verify() {
            started.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return delegate.verify();
        }
    }
}
