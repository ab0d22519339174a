package dev.samtykke.servlet.console;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's forms on a real server: a data-subject request handled end to end through the pages (look-up,
 * history, export as JSON and as a printable page, erasure with its confirmation step), the console's own CSRF
 * protection, GET never changing anything, and a hostile consent id written only escaped.
 */
class ConsoleFormsTest {

    private static final Pattern CONFIRMATION = Pattern.compile("name=\"confirmation\" value=\"([^\"]+)\"");

    private ConsoleSite site;

    @BeforeEach
    void start() throws Exception {
        site = new ConsoleSite();
    }

    @AfterEach
    void stop() throws Exception {
        site.close();
    }

    private static String confirmation(String html) {
        Matcher m = CONFIRMATION.matcher(html);
        assertThat(m.find()).as("a confirmation field").isTrue();
        return m.group(1);
    }

    @Test
    void handlesADataSubjectRequestEndToEndThroughThePages() throws Exception {
        JsonNode first = site.decide("{\"acceptAll\":true}", null);
        String id = first.get("consentId").asString();
        site.decide("{\"purposes\":{\"marketing\":false}}", first.get("_cookie").asString());
        String otherId = site.decide("{\"rejectAll\":true}", null).get("consentId").asString();
        ConsoleSite.Forms forms = site.forms("dpo");

        HttpResponse<String> history = site.postForm("/consent/admin/subjects/lookup", "dpo", forms, Map.of("consentId", id));

        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(history.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        String html = history.body();
        assertThat(html).contains("<h1>Consent history</h1>", "<code class=\"id\">" + id + "</code>", "<strong>2 records</strong>");
        assertThat(html).as("what, when, which notice version, locale")
                .containsPattern("<th scope=\"row\">\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC</th><td>custom \\(partially-given\\)</td>")
                .contains("<li>Target groups and targeted marketing: refused</li>")
                .contains("jackon 1.0", "<td>en</td>");
        assertThat(html.indexOf("custom (")).as("newest first").isLessThan(html.indexOf("accept-all ("));
        String token = confirmation(html);

        HttpResponse<String> json = site.postForm("/consent/admin/subjects/export", "dpo", forms,
                Map.of("consentId", id, "format", "json"));
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(json.headers().firstValue("Content-Disposition")).hasValueSatisfying(t -> assertThat(t).startsWith("attachment"));
        assertThat(json.body()).contains("ISO/IEC TS 27560").contains(id).doesNotContain(otherId);

        HttpResponse<String> print = site.postForm("/consent/admin/subjects/export", "dpo", forms,
                Map.of("consentId", id, "format", "print"));
        assertThat(print.statusCode()).isEqualTo(200);
        assertThat(print.body()).contains("<h1>Consent records</h1>", "Jackon", "<caption>Consent records, newest first</caption>")
                .contains(id).doesNotContain(otherId);

        HttpResponse<String> confirm = site.postForm("/consent/admin/subjects/erase", "dpo", forms,
                Map.of("consentId", id, "confirmation", token));
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("<h1>Confirm the erasure</h1>", "<strong>2 records</strong>",
                "name=\"confirmed\" value=\"yes\"", "Erase permanently");
        assertThat(site.ledger.history(id)).as("the first step erases nothing").hasSize(2);

        HttpResponse<String> erased = site.postForm("/consent/admin/subjects/erase", "dpo", forms,
                Map.of("consentId", id, "confirmation", confirmation(confirm.body()), "confirmed", "yes"));
        assertThat(erased.statusCode()).isEqualTo(200);
        assertThat(erased.body()).contains("<h1>Records erased</h1>", "Erased <strong>2 records</strong>");
        assertThat(site.ledger.history(id)).isEmpty();
        assertThat(site.ledger.history(otherId)).hasSize(1);
        assertThat(site.ledger.verify().isIntact()).as("the erasure is a chained event").isTrue();

        List<String> audit = site.console.auditTrail().recent(10).stream()
                .map(e -> e.principal() + " " + e.action().id() + " " + e.outcome()).toList();
        assertThat(audit).containsExactly("dpo erasure erased 2 records", "dpo export printable page, 2 records",
                "dpo export exported", "dpo look-up 2 records");
    }

    @Test
    void erasureNeedsTheLookUpsConfirmationOfTheSameUserAndRecords() throws Exception {
        String id = site.decide("{\"acceptAll\":true}", null).get("consentId").asString();
        String otherId = site.decide("{\"rejectAll\":true}", null).get("consentId").asString();
        ConsoleSite.Forms forms = site.forms("dpo");
        String token = confirmation(site.postForm("/consent/admin/subjects/lookup", "dpo", forms, Map.of("consentId", id)).body());
        ConsoleSite.Forms colleague = site.forms("colleague");

        HttpResponse<String> none = site.postForm("/consent/admin/subjects/erase", "dpo", forms,
                Map.of("consentId", id, "confirmed", "yes"));
        HttpResponse<String> forged = site.postForm("/consent/admin/subjects/erase", "dpo", forms,
                Map.of("consentId", id, "confirmation", "9999999999.forged", "confirmed", "yes"));
        HttpResponse<String> other = site.postForm("/consent/admin/subjects/erase", "dpo", forms,
                Map.of("consentId", otherId, "confirmation", token, "confirmed", "yes"));
        HttpResponse<String> otherUser = site.postForm("/consent/admin/subjects/erase", "colleague", colleague,
                Map.of("consentId", id, "confirmation", token, "confirmed", "yes"));

        for (HttpResponse<String> r : List.of(none, forged, other, otherUser)) {
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(r.body()).contains("role=\"alert\"", "look the records up first");
        }
        assertThat(site.ledger.history(id)).hasSize(1);
        assertThat(site.ledger.history(otherId)).hasSize(1);
    }

    @Test
    void everyFormIsRefusedWithoutTheConsolesCsrfToken() throws Exception {
        String id = site.decide("{\"acceptAll\":true}", null).get("consentId").asString();
        ConsoleSite.Forms forms = site.forms("dpo");
        ConsoleSite.Forms eves = site.forms("eve");
        Map<String, String> lookup = Map.of("consentId", id);

        List<HttpResponse<String>> refused = List.of(
                site.postForm("/consent/admin/subjects/lookup", "dpo", new ConsoleSite.Forms(forms.cookie(), null), lookup),
                site.postForm("/consent/admin/subjects/lookup", "dpo", new ConsoleSite.Forms(null, forms.token()), lookup),
                site.postForm("/consent/admin/subjects/lookup", "dpo", new ConsoleSite.Forms(forms.cookie(), "x" + forms.token()), lookup),
                site.postForm("/consent/admin/subjects/lookup", "dpo", new ConsoleSite.Forms(eves.cookie(), forms.token()), lookup),
                site.postForm("/consent/admin/subjects/lookup", "dpo", eves, lookup),
                site.postForm("/consent/admin/subjects/export", "dpo", new ConsoleSite.Forms(forms.cookie(), null),
                        Map.of("consentId", id, "format", "json")),
                site.postForm("/consent/admin/subjects/erase", "dpo", new ConsoleSite.Forms(forms.cookie(), null), lookup),
                site.postForm("/consent/admin/ledger/verify", "dpo", new ConsoleSite.Forms(forms.cookie(), null), Map.of()));

        for (HttpResponse<String> r : refused) {
            assertThat(r.statusCode()).as(r.uri().getPath()).isEqualTo(403);
            assertThat(r.body()).contains("The form did not come from this console");
        }
        assertThat(site.postForm("/consent/admin/subjects/lookup", "dpo", forms, lookup, "Origin", "https://evil.example")
                .statusCode()).as("from another site, even with the token").isEqualTo(403);
        assertThat(site.postForm("/consent/admin/subjects/lookup", "dpo", forms, lookup, "Sec-Fetch-Site", "cross-site")
                .statusCode()).isEqualTo(403);
        assertThat(site.console.auditTrail().recent(10)).as("nothing was done").isEmpty();
        assertThat(site.postForm("/consent/admin/subjects/lookup", "dpo", forms, lookup).statusCode()).isEqualTo(200);
    }

    @Test
    void theCsrfCookieIsHttpOnlyStrictAndLimitedToTheConsole() throws Exception {
        HttpResponse<String> page = site.adminGet("/consent/admin/subjects");
        assertThat(page.headers().allValues("Set-Cookie")).singleElement().satisfies(c -> assertThat(c)
                .startsWith("samtykke-console-csrf=").contains("; Path=/consent/admin", "; HttpOnly", "; SameSite=Strict"));
        ConsoleSite.Forms forms = site.forms("dpo");
        HttpResponse<String> again = site.send(site.request("/consent/admin/subjects").GET().header("X-Test-User", "dpo")
                .header("X-Test-Role", "admin").header("Cookie", forms.cookie()));
        assertThat(again.headers().allValues("Set-Cookie")).as("the cookie is kept").isEmpty();
        assertThat(ConsoleSite.csrfField(again.body())).isEqualTo(forms.token());
    }

    @Test
    void getNeverChangesStateAndMalformedFormsAreRefused() throws Exception {
        String id = site.decide("{\"acceptAll\":true}", null).get("consentId").asString();
        ConsoleSite.Forms forms = site.forms("dpo");
        for (String path : List.of("/consent/admin/subjects/lookup", "/consent/admin/subjects/export",
                "/consent/admin/subjects/erase", "/consent/admin/ledger/verify")) {
            assertThat(site.adminGet(path).statusCode()).as(path).isEqualTo(405);
        }
        assertThat(site.postForm("/consent/admin/subjects/lookup", "dpo", forms, Map.of("consentId", "x".repeat(5000)))
                .statusCode()).as("over the size limit").isEqualTo(413);
        assertThat(site.postForm("/consent/admin/subjects/lookup?consentId=" + id, "dpo", forms, Map.of()).statusCode())
                .as("an id in the URL").isEqualTo(400);
        assertThat(site.postForm("/consent/admin/subjects/lookup", "dpo", forms, Map.of("consentId", id),
                "Content-Type", "text/plain").statusCode()).isEqualTo(415);
        assertThat(site.postForm("/consent/admin/subjects/export", "dpo", forms, Map.of("consentId", id, "format", "xml"))
                .statusCode()).isEqualTo(400);
        assertThat(site.console.auditTrail().recent(10)).isEmpty();
        assertThat(site.ledger.history(id)).hasSize(1);
    }

    @Test
    void aLookUpTheAuditTrailCannotRecordIsNotAnsweredAndShowsNoRecords() throws Exception {
        site.close();
        site = new ConsoleSite(null, new AuditTrail() {
            @Override
            public void record(AuditEntry entry) {
                throw new IllegalStateException("the audit database is down");
            }

            @Override
            public List<AuditEntry> recent(int limit) {
                throw new IllegalStateException("the audit database is down");
            }
        });
        String id = site.decide("{\"acceptAll\":true}", null).get("consentId").asString();
        ConsoleSite.Forms forms = site.forms("dpo");

        HttpResponse<String> lookup = site.postForm("/consent/admin/subjects/lookup", "dpo", forms, Map.of("consentId", id));
        HttpResponse<String> audit = site.adminGet("/consent/admin/audit");

        assertThat(lookup.statusCode()).isEqualTo(503);
        assertThat(lookup.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(lookup.body()).contains("could not be recorded in the audit trail").doesNotContain(id, "accept-all");
        assertThat(audit.statusCode()).isEqualTo(503);
        assertThat(audit.body()).contains("The audit trail cannot be read right now");
    }

    @Test
    void aHostileConsentIdIsOnlyEverWrittenEscaped() throws Exception {
        String hostile = "\"><script>alert(1)</script><img/src=x/onerror=alert(2)>'&";
        ConsoleSite.Forms forms = site.forms("dpo");

        HttpResponse<String> history = site.postForm("/consent/admin/subjects/lookup", "dpo", forms, Map.of("consentId", hostile));
        HttpResponse<String> print = site.postForm("/consent/admin/subjects/export", "dpo", forms,
                Map.of("consentId", hostile, "format", "print"));
        HttpResponse<String> tooLong = site.postForm("/consent/admin/subjects/lookup", "dpo", forms,
                Map.of("consentId", "<b>" + "x".repeat(200)));
        HttpResponse<String> spaced = site.postForm("/consent/admin/subjects/lookup", "dpo", forms,
                Map.of("consentId", "<script> alert(1)</script>"));
        HttpResponse<String> audit = site.adminGet("/consent/admin/audit");

        for (HttpResponse<String> r : List.of(history, print, tooLong, spaced, audit)) {
            assertThat(r.body()).as(r.uri().getPath()).doesNotContain("<script>", "<img", "<b>", "onerror=alert(2)>");
        }
        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(history.body()).contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img/src=x/onerror=alert(2)&gt;&#39;&amp;");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("aria-invalid=\"true\"", "value=\"&lt;b&gt;xxx", "role=\"alert\"");
        assertThat(spaced.statusCode()).isEqualTo(400);
        assertThat(audit.body()).doesNotContain("alert(1)");
    }
}
