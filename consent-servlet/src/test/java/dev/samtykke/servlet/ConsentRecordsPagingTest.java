package dev.samtykke.servlet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.consent.ConsentEvaluator;
import dev.samtykke.core.consent.ConsentMethod;
import dev.samtykke.core.ledger.ConsentRecord;
import dev.samtykke.core.ledger.NewConsentRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /consent/records} pages a long history: newest first, bounded pages, a checked cursor. */
class ConsentRecordsPagingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECORDS = 2_100;
    private static TestSite site;
    private static String subject;
    private static String cookie;
    private static List<String> newestFirst;

    @BeforeAll
    static void start() throws Exception {
        site = TestSite.start();
        ConsentEvaluator evaluator = new ConsentEvaluator(TestSite.POLICY, TestSite.CLOCK);
        subject = ConsentEvaluator.newSubjectId();
        List<NewConsentRecord> batch = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            ConsentDecision d = evaluator.decide(subject, ConsentMethod.CUSTOM, Map.of("analytics", i % 2 == 0));
            batch.add(NewConsentRecord.of(d, TestSite.POLICY, Locale.ENGLISH, "/"));
            if (i % 7 == 0) { // another subject's records between, so that sequences are not consecutive
                batch.add(NewConsentRecord.of(evaluator.acceptAll(ConsentEvaluator.newSubjectId()), TestSite.POLICY,
                        Locale.ENGLISH, "/"));
            }
        }
        site.ledger.appendAll(batch);
        List<ConsentRecord> history = site.ledger.history(subject);
        newestFirst = new ArrayList<>();
        for (int i = history.size() - 1; i >= 0; i--) {
            newestFirst.add(history.get(i).recordId());
        }
        cookie = site.consentCookie(evaluator.acceptAll(subject));
    }

    @AfterAll
    static void stop() throws Exception {
        site.close();
    }

    private static HttpResponse<String> page(String query) throws Exception {
        return site.get("/consent/records" + query, "Cookie", cookie);
    }

    private static List<String> walk(String limitQuery) throws Exception {
        List<String> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            String query = "?" + limitQuery + (next == null ? "" : "&cursor=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
            HttpResponse<String> response = page(query);
            assertThat(response.statusCode()).as(query).isEqualTo(200);
            JsonNode doc = JSON.readTree(response.body());
            assertThat(doc.get("pii_principal_id").asString()).isEqualTo(subject);
            assertThat(doc.get("order").asString()).isEqualTo("newest-first");
            int limit = doc.get("limit").asInt();
            assertThat(doc.get("records").size()).isLessThanOrEqualTo(limit).isEqualTo(doc.get("record_count").asInt());
            for (JsonNode record : doc.get("records")) {
                if (!seen.isEmpty()) {
                    assertThat(record.at("/status").asString()).isEqualTo("superseded");
                    assertThat(record.at("/events/1/superseded_by").asString()).as("the newer neighbour, across pages too")
                            .isEqualTo(seen.get(seen.size() - 1));
                } else {
                    assertThat(record.at("/status").asString()).isEqualTo("active");
                }
                seen.add(record.get("record_id").asString());
            }
            next = doc.get("next").isNull() ? null : doc.get("next").asString();
            if (next != null) {
                assertThat(doc.get("records").size()).as("only a full page has a next one").isEqualTo(limit);
            }
            pages++;
            assertThat(pages).as("walk ends").isLessThan(RECORDS + 2);
        } while (next != null);
        return seen;
    }

    @Test
    void walkingEveryPageYieldsEveryRecordOnceNewestFirst() throws Exception {
        List<String> seen = walk("limit=500");

        assertThat(seen).hasSize(RECORDS).containsExactlyElementsOf(newestFirst);
        assertThat(new HashSet<>(seen)).hasSize(RECORDS);
    }

    @Test
    void theDefaultPageHoldsFiftyRecords() throws Exception {
        JsonNode doc = JSON.readTree(page("").body());

        assertThat(doc.get("limit").asInt()).isEqualTo(50);
        assertThat(doc.get("record_count").asInt()).isEqualTo(50);
        assertThat(doc.get("next").asString()).isNotEmpty();
        List<String> ids = new ArrayList<>();
        doc.get("records").forEach(r -> ids.add(r.get("record_id").asString()));
        assertThat(ids).containsExactlyElementsOf(newestFirst.subList(0, 50));
    }

    @Test
    void pagesOfOddSizesJoinWithoutGaps() throws Exception {
        assertThat(walk("limit=37")).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void theAnswerGrowsWithTheLimitNotWithTheHistory() throws Exception {
        HttpResponse<String> one = page("?limit=1");
        HttpResponse<String> fifty = page("?limit=50");
        HttpResponse<String> most = page("?limit=500");

        int perRecord = one.body().length();
        System.out.printf("records of one subject: %,d; full export %,d B; pages of 1, 50, 500: %,d, %,d, %,d B%n",
                RECORDS, site.ledger.export(subject, TestSite.POLICY).length(), perRecord, fifty.body().length(),
                most.body().length());
        assertThat(fifty.body().length()).isLessThanOrEqualTo(50 * perRecord);
        assertThat(most.body().length()).isLessThanOrEqualTo(500 * perRecord);
        assertThat(JSON.readTree(most.body()).get("record_count").asInt()).isEqualTo(500);
        assertThat(most.headers().firstValue("Content-Length")).as("streamed, not buffered whole").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=501", "limit=-1", "limit=abc", "limit=1.5", "limit=", "limit=99999999999",
            "cursor=abc", "cursor=", "cursor=AAAAAAAAAAAAAAAAAAAA", "cursor=%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F",
            "cursor=AAAAAAAAAAB", "cursor=f_________8", "cursor=gAAAAAAAAAA", "cursor=%00%00%00%00%00%00%00%00%00%00%00",
            "cursor=AAAAAAAAAAE%3D"})
    void badLimitOrCursorIsBadRequest(String query) throws Exception {
        HttpResponse<String> response = page("?" + query);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("error").asString()).isEqualTo("bad_request");
        assertThat(error.get("detail").asString()).containsAnyOf("limit", "cursor");
    }

    @Test
    void badCursorIsBadRequestWithoutCookieToo() throws Exception {
        assertThat(site.get("/consent/records?cursor=nonsense").statusCode()).isEqualTo(400);
    }

    @Test
    void theLastPageHasNoNextCursor() throws Exception {
        JsonNode first = JSON.readTree(page("?limit=500").body());
        Set<String> cursors = new HashSet<>();
        String next = first.get("next").asString();
        while (next != null) {
            assertThat(cursors.add(next)).isTrue();
            JsonNode doc = JSON.readTree(page("?limit=500&cursor=" + next).body());
            next = doc.get("next").isNull() ? null : doc.get("next").asString();
            if (next == null) {
                assertThat(doc.get("record_count").asInt()).isEqualTo(RECORDS - 4 * 500);
            }
        }
        assertThat(cursors).hasSize(4);
    }
}
