package dev.samtykke.servlet.console;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static dev.samtykke.servlet.console.ConsoleSite.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/** The privacy console's API on a real server: access, stats, data-subject requests, ledger health, audit trail. */
class PrivacyConsoleTest {

    private ConsoleSite site;

    @BeforeEach
    void start() throws Exception {
        site = new ConsoleSite();
    }

    @AfterEach
    void stop() throws Exception {
        site.close();
    }

    @Test
    void cannotBeBuiltWithoutAnAuthorizer() {
        assertThatNullPointerException().isThrownBy(() -> PrivacyConsole.builder(site.samtykke, null))
                .withMessageContaining("authorizer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/consent/admin/api/stats", "/consent/admin/api/stats.csv", "/consent/admin/api/ledger",
            "/consent/admin/api/audit", "/consent/admin/", "/consent/admin/anything"})
    void answers401WithoutAUserAnd403WithoutTheRightNeverAPage(String path) throws Exception {
        HttpResponse<String> anonymous = site.send(site.request(path).GET());
        HttpResponse<String> visitor = site.send(site.request(path).GET().header("X-Test-User", "eve"));

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(visitor.statusCode()).isEqualTo(403);
        for (HttpResponse<String> r : List.of(anonymous, visitor)) {
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(json(r).get("error").asString()).isIn("unauthorized", "forbidden");
        }
    }

    @Test
    void refusesStateChangesOfUsersWithoutTheRightBeforeReadingAnything() throws Exception {
        String id = site.decide("{\"acceptAll\":true}", null).get("consentId").asString();
        assertThat(site.post("/consent/admin/api/subjects/lookup", "{\"consentId\":\"" + id + "\"}", null, null).statusCode())
                .isEqualTo(401);
        assertThat(site.post("/consent/admin/api/subjects/erase", "{\"consentId\":\"" + id + "\"}", "eve", "visitor")
                .statusCode()).isEqualTo(403);
        assertThat(site.console.auditTrail().recent(10)).isEmpty();
        assertThat(site.ledger.history(id)).hasSize(1);
    }

    @Test
    void statsAnswerTheDesignedShapeForTheDaysAsked() throws Exception {
        site.send(site.request("/consent/impression?lang=en").POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Origin", site.origin()));
        JsonNode first = site.decide("{\"acceptAll\":true}", null);
        site.decide("{\"rejectAll\":true}", null);
        site.decide("{\"purposes\":{\"analytics\":true,\"marketing\":false}}", first.get("_cookie").asString());

        HttpResponse<String> response = site.adminGet("/consent/admin/api/stats?days=2");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode stats = json(response);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(stats.propertyNames()).containsExactly("from", "to", "days");
        assertThat(stats.get("from").asString()).isEqualTo(today.minusDays(1).toString());
        assertThat(stats.get("to").asString()).isEqualTo(today.toString());
        assertThat(stats.get("days")).hasSize(2);
        JsonNode day = stats.get("days").get(1);
        assertThat(day.propertyNames()).containsExactly("date", "impressions", "decisions", "granted", "denied");
        assertThat(day.get("impressions").asLong()).isEqualTo(1);
        assertThat(day.get("decisions").propertyNames()).containsExactly("accept-all", "reject-all", "custom", "withdraw");
        assertThat(day.get("decisions").get("accept-all").asLong()).isEqualTo(1);
        assertThat(day.get("decisions").get("custom").asLong()).isEqualTo(1);
        assertThat(day.get("granted").get("analytics").asLong()).isEqualTo(2);
        assertThat(day.get("denied").get("analytics").asLong()).isEqualTo(1);
        assertThat(day.get("denied").get("marketing").asLong()).isEqualTo(2);
        assertThat(stats.get("days").get(0).get("impressions").asLong()).isZero();

        assertThat(json(site.adminGet("/consent/admin/api/stats")).get("days")).as("30 days by default").hasSize(30);
        for (String bad : List.of("0", "367", "x", "-1", "99999999999")) {
            assertThat(site.adminGet("/consent/admin/api/stats?days=" + bad).statusCode()).as(bad).isEqualTo(400);
        }
    }

    @Test
    void statsDownloadAsCsv() throws Exception {
        site.decide("{\"acceptAll\":true}", null);

        HttpResponse<String> csv = site.adminGet("/consent/admin/api/stats.csv?days=1");
        HttpResponse<String> format = site.adminGet("/consent/admin/api/stats?days=1&format=csv");

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(t -> assertThat(t).startsWith("attachment"));
        String[] lines = csv.body().split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("date,impressions,accept-all,reject-all,custom,withdraw,granted:");
        List<String> header = List.of(lines[0].split(","));
        List<String> row = List.of(lines[1].split(","));
        assertThat(row.get(0)).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        assertThat(row.get(header.indexOf("accept-all"))).isEqualTo("1");
        assertThat(row.get(header.indexOf("granted:analytics"))).isEqualTo("1");
        assertThat(row.get(header.indexOf("denied:analytics"))).isEqualTo("0");
        assertThat(format.body()).isEqualTo(csv.body());
    }

    @Test
    void looksUpExportsAndErasesAVisitorsRecordsByConsentIdWithAConfirmation() throws Exception {
        JsonNode first = site.decide("{\"acceptAll\":true}", null);
        String id = first.get("consentId").asString();
        site.decide("{\"purposes\":{\"marketing\":false}}", first.get("_cookie").asString());
        String otherId = site.decide("{\"rejectAll\":true}", null).get("consentId").asString();
        assertThat(id).isNotBlank().isNotEqualTo(otherId);

        HttpResponse<String> lookup = site.adminPost("/consent/admin/api/subjects/lookup", "{\"consentId\":\"" + id + "\"}");
        assertThat(lookup.statusCode()).isEqualTo(200);
        JsonNode found = json(lookup);
        assertThat(found.get("records")).hasSize(2);
        assertThat(found.get("records").get(0).get("method").asString()).as("newest first").isEqualTo("custom");
        assertThat(found.get("records").get(0).get("locale").asString()).isEqualTo("en");
        assertThat(found.get("records").get(1).get("grants").get("analytics").asBoolean()).isTrue();
        assertThat(found.get("more").asBoolean()).isFalse();
        String token = found.get("confirmation").get("token").asString();

        HttpResponse<String> export = site.adminPost("/consent/admin/api/subjects/export", "{\"consentId\":\"" + id + "\"}");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.body()).contains("ISO/IEC TS 27560").contains(id);

        String erase = "{\"consentId\":\"" + id + "\",\"confirmation\":\"" + token + "\"}";
        assertThat(site.adminPost("/consent/admin/api/subjects/erase", "{\"consentId\":\"" + id + "\"}").statusCode())
                .as("no confirmation").isEqualTo(403);
        assertThat(site.adminPost("/consent/admin/api/subjects/erase",
                "{\"consentId\":\"" + otherId + "\",\"confirmation\":\"" + token + "\"}").statusCode())
                .as("another visitor's records").isEqualTo(403);
        assertThat(site.post("/consent/admin/api/subjects/erase", erase, "colleague", "admin").statusCode())
                .as("another console user").isEqualTo(403);
        assertThat(site.ledger.history(id)).hasSize(2);

        HttpResponse<String> erased = site.adminPost("/consent/admin/api/subjects/erase", erase);
        assertThat(erased.statusCode()).isEqualTo(200);
        assertThat(json(erased).get("erased").asInt()).isEqualTo(2);
        assertThat(site.ledger.history(id)).isEmpty();
        assertThat(site.ledger.history(otherId)).hasSize(1);
        assertThat(site.ledger.verify().isIntact()).as("the erasure is a chained event").isTrue();
        assertThat(json(site.adminPost("/consent/admin/api/subjects/lookup", "{\"consentId\":\"" + id + "\"}"))
                .get("records")).isEmpty();
    }

    @Test
    void refusesCrossSiteStateChangesAndBodiesThatAreNotJson() throws Exception {
        String body = "{\"consentId\":\"abc\"}";
        assertThat(site.adminPost("/consent/admin/api/subjects/lookup", body, "Origin", "https://evil.example").statusCode())
                .isEqualTo(403);
        assertThat(site.adminPost("/consent/admin/api/subjects/lookup", body, "Sec-Fetch-Site", "cross-site").statusCode())
                .isEqualTo(403);
        assertThat(site.adminPost("/consent/admin/api/ledger/verify", "{}", "Origin", "https://evil.example").statusCode())
                .isEqualTo(403);
        assertThat(site.adminPost("/consent/admin/api/subjects/lookup", body, "Content-Type", "text/plain").statusCode())
                .as("a form cannot send JSON").isEqualTo(415);
        assertThat(site.adminPost("/consent/admin/api/subjects/lookup", "{\"consentId\":\"\"}").statusCode()).isEqualTo(400);
        assertThat(site.adminPost("/consent/admin/api/subjects/lookup", "{\"consentId\":\"" + "x".repeat(129) + "\"}")
                .statusCode()).isEqualTo(400);
        assertThat(site.adminPost("/consent/admin/api/subjects/lookup", "[1]").statusCode()).isEqualTo(400);
        assertThat(site.adminGet("/consent/admin/api/subjects/lookup").statusCode()).isEqualTo(405);
        assertThat(site.console.auditTrail().recent(10)).isEmpty();
    }

    @Test
    void verifiesTheLedgerInTheBackgroundAndShowsTheResultAndAnchor() throws Exception {
        site.decide("{\"acceptAll\":true}", null);
        assertThat(json(site.adminGet("/consent/admin/api/ledger")).get("last").isNull()).isTrue();

        HttpResponse<String> started = site.adminPost("/consent/admin/api/ledger/verify", "{}");
        assertThat(started.statusCode()).isEqualTo(202);

        JsonNode health = null;
        for (int i = 0; i < 500; i++) {
            health = json(site.adminGet("/consent/admin/api/ledger"));
            if (!health.get("running").asBoolean() && !health.get("last").isNull()) {
                break;
            }
            Thread.sleep(10);
        }
        JsonNode last = health.get("last");
        assertThat(last.get("intact").asBoolean()).isTrue();
        assertThat(last.get("recordsChecked").asLong()).isEqualTo(1);
        assertThat(last.get("anchor").asString()).matches("[0-9a-f]{64}").isEqualTo(site.ledger.verify().anchor());
        assertThat(last.get("problems")).isEmpty();
    }

    @Test
    void recordsEveryActionWithWhoAndWhenAndNoConsentId() throws Exception {
        String id = site.decide("{\"acceptAll\":true}", null).get("consentId").asString();
        String token = json(site.adminPost("/consent/admin/api/subjects/lookup", "{\"consentId\":\"" + id + "\"}"))
                .get("confirmation").get("token").asString();
        site.post("/consent/admin/api/subjects/export", "{\"consentId\":\"" + id + "\"}", "auditor", "admin");
        site.adminPost("/consent/admin/api/subjects/erase", "{\"consentId\":\"" + id + "\",\"confirmation\":\"" + token + "\"}");
        site.adminPost("/consent/admin/api/ledger/verify", "{}");
        for (int i = 0; i < 500 && site.console.auditTrail().recent(10).size() < 5; i++) {
            Thread.sleep(10);
        }

        HttpResponse<String> response = site.adminGet("/consent/admin/api/audit");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain(id);
        List<String> lines = new ArrayList<>();
        for (JsonNode e : json(response).get("entries")) {
            assertThat(e.get("at").asString()).isNotBlank();
            lines.add(e.get("principal").asString() + " " + e.get("action").asString() + " " + e.get("outcome").asString());
        }
        assertThat(lines).containsExactly("dpo verification intact, 1 records", "dpo verification started",
                "dpo erasure erased 1 records", "auditor export exported", "dpo look-up 1 records");
        String digest = json(response).get("entries").get(2).get("subject").asString();
        assertThat(digest).startsWith("sha256:").hasSize(23);
        assertThat(json(response).get("entries").get(3).get("subject").asString()).isEqualTo(digest);
        assertThat(site.adminGet("/consent/admin/api/audit?limit=0").statusCode()).isEqualTo(400);
        assertThat(json(site.adminGet("/consent/admin/api/audit?limit=2")).get("entries")).hasSize(2);
    }

    @Test
    void theOverviewPageShowsTheFiguresAsSvgChartsWithTextAlternativesAndNoScript() throws Exception {
        site.decide("{\"acceptAll\":true}", null);
        site.decide("{\"rejectAll\":true}", null);
        site.decide("{\"purposes\":{\"analytics\":true,\"marketing\":false}}", null);

        HttpResponse<String> page = site.adminGet("/consent/admin/?days=7");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'none'").doesNotContain("script-src"));
        String html = page.body();
        assertThat(html).doesNotContainIgnoringCase("<script");
        assertThat(html).contains("role=\"img\"", "aria-labelledby=\"rate-chart-title rate-chart-desc\"",
                "<desc id=\"rate-chart-desc\">", "<polyline", "<desc id=\"split-chart-desc\">Decisions by kind");
        assertThat(html).as("analytics granted in 2 of 3 decisions").contains("<strong>67%</strong> (2 of 3)");
        assertThat(html).as("the split, in the chart's text alternative").contains("accept-all 1, reject-all 1, custom 1, withdraw 0");
        assertThat(html).as("the row of the policy version").containsPattern("<th scope=\"row\">1\\.0</th><td>0</td><td>3</td>");
        assertThat(html).contains("<th scope=\"row\">en</th>");
        assertThat(html).contains("Not verified since the application started");
        assertThat(html).contains("/consent/admin/api/stats.csv?days=7");
        assertThat(site.adminGet("/consent/admin").statusCode()).isEqualTo(200);
    }
}
