package dev.samtykke.scanner;

import tools.jackson.databind.ObjectMapper;
import dev.samtykke.scanner.internal.CookieDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The comparison, the suggestions, the options and the reports, without a browser. */
class PolicyCheckTest {

    private static final String PAGE = "http://127.0.0.1/";

    private static PageVisit visit(VisitState state, List<SeenCookie> cookies, List<String> local, Set<String> hosts) {
        return new PageVisit(PAGE, state, cookies, local, List.of(), hosts, null, null);
    }

    private static List<String> summary(List<Finding> findings) {
        return findings.stream().map(f -> f.kind().id() + " " + f.name() + " " + f.state().id()).toList();
    }

    @Test
    void classifiesWhatEachStateHeld() {
        SeenCookie ga = new SeenCookie("_ga", "127.0.0.1", false);
        List<PageVisit> visits = List.of(
                visit(VisitState.NONE, List.of(ga, new SeenCookie("consent", "127.0.0.1", true)), List.of("other"), Set.of("127.0.0.2", "cdn.example")),
                visit(VisitState.REJECTED, List.of(), List.of(), Set.of()),
                visit(VisitState.ACCEPTED, List.of(ga, new SeenCookie("_ga_X", "127.0.0.1", false)), List.of(), Set.of("127.0.0.2")));

        List<Finding> findings = PolicyCheck.compare(ScanTestSite.POLICY, visits);

        assertThat(summary(findings)).containsExactly("before-consent _ga none", "undeclared other none",
                "request-before-consent 127.0.0.2 none", "unused stats_state accepted");
        assertThat(findings.get(3).warning()).isTrue();
        assertThat(findings.get(3).page()).isNull();
    }

    @Test
    void anUndeclaredCookieAndStorageKeyOfOneNameAreTwoItems() {
        List<PageVisit> visits = List.of(new PageVisit(PAGE, VisitState.NONE, List.of(new SeenCookie("x", "127.0.0.1", false)),
                List.of(), List.of("x"), Set.of(), null, null));

        PolicyCheck check = PolicyCheck.run(ScanTestSite.POLICY, visits);

        assertThat(summary(check.findings())).containsExactly("undeclared x none", "undeclared x none");
        assertThat(check.undeclared()).extracting(e -> e.getKey().id() + ":" + e.getValue())
                .containsExactly("cookie:x", "sessionStorage:x");
    }

    @Test
    void onlyWarningsExitZero() {
        ScanReport report = new ScanReport(List.of(PAGE), List.of(), List.of(new Finding(FindingKind.UNUSED, "x", null,
                VisitState.ACCEPTED, "not seen")), List.of());

        assertThat(report.exitCode()).isZero();
        assertThat(ReportFormat.JUNIT.write(report)).contains("<skipped").doesNotContain("<failure");
    }

    @Test
    void writesTheJsonShapeOfTheIssue() throws Exception {
        ScanReport report = new ScanReport(List.of(PAGE), List.of(), List.of(new Finding(FindingKind.UNDECLARED, "_hjid",
                PAGE, VisitState.NONE, "cookie '_hjid' matches no declaration")),
                List.of(CookieDatabase.load().suggest("_hjid", "cookie")));

        var json = new ObjectMapper().readTree(ReportFormat.JSON.write(report));

        assertThat(json.get("pages").get(0).asText()).isEqualTo(PAGE);
        var finding = json.get("findings").get(0);
        assertThat(finding.properties()).extracting(java.util.Map.Entry::getKey).containsExactly("kind", "name", "page", "state", "detail");
        assertThat(finding.get("state").asText()).isEqualTo("none");
        assertThat(json.get("suggestions").get(0).get("known").asBoolean()).isTrue();
        assertThat(ReportFormat.JUNIT.write(report)).contains("<failure type=\"undeclared\"");
        assertThat(ReportFormat.TEXT.write(report)).contains("undeclared", "_hjid", "Hotjar");
    }

    @Test
    void suggestsFromTheOpenCookieDatabaseByExactNameOrLongestPrefix() {
        CookieDatabase db = CookieDatabase.load();

        assertThat(db.size()).isGreaterThan(2000);
        Suggestion ga = db.suggest("_ga", "cookie");
        assertThat(ga.known()).isTrue();
        assertThat(ga.category()).isEqualTo("Analytics");
        assertThat(ga.provider()).isEqualTo("Google");
        assertThat(db.suggest("no_such_cookie_name_42", "cookie").known()).isFalse();
    }

    @Test
    void exclusionsAreRobotsStylePathRules() {
        ScanOptions options = ScanOptions.builder(PAGE).exclude("/private/").exclude("/*.pdf$").build();

        assertThat(options.excluded("/private/area")).isTrue();
        assertThat(options.excluded("/files/a.pdf")).isTrue();
        assertThat(options.excluded("/files/a.pdf?x")).isFalse();
        assertThat(options.excluded("/public")).isFalse();
        assertThat(options.maxPages()).isEqualTo(50);
    }

    @Test
    void aMissingBrowserIsAClearErrorWithTheInstallCommand() {
        ScanOptions options = ScanOptions.builder(PAGE).browser(Path.of("/nonexistent/chromium"), Path.of("/nonexistent/chromedriver")).build();

        assertThatThrownBy(() -> SiteScanner.scan(ScanTestSite.POLICY, options))
                .isInstanceOf(ScanException.class).hasMessageContaining("apt-get install -y chromium chromium-driver");
    }
}
