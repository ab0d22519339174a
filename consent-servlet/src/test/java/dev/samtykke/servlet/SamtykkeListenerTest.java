package dev.samtykke.servlet;

import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.consent.ConsentEvaluator;
import dev.samtykke.core.consent.ConsentMethod;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** What listeners registered with {@link Samtykke.Builder#listener} hear, over real HTTP. */
class SamtykkeListenerTest {

    /** Writes down every call as text. */
    static final class Recording implements SamtykkeListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<ConsentDecision> decisions = new CopyOnWriteArrayList<>();

        @Override
        public void decisionRecorded(ConsentDecision decision) {
            decisions.add(decision);
            events.add("decision " + decision.method().id());
        }

        @Override
        public void cookieBlocked(String cookieName, boolean declared) {
            events.add("blocked " + cookieName + " declared=" + declared);
        }

        @Override
        public void undeclaredCookie(String cookieName) {
            events.add("undeclared " + cookieName);
        }

        @Override
        public void cookieViolation(String cookieName, String declaredAs) {
            events.add("violation " + cookieName + " as " + declaredAs);
        }
    }

    /** Fails on every call; must change nothing for the visitor or for the listeners after it. */
    static final class Failing implements SamtykkeListener {
        @Override
        public void decisionRecorded(ConsentDecision decision) {
            throw new IllegalStateException("listener down");
        }

        @Override
        public void cookieBlocked(String cookieName, boolean declared) {
            throw new IllegalStateException("listener down");
        }

        @Override
        public void undeclaredCookie(String cookieName) {
            throw new IllegalStateException("listener down");
        }

        @Override
        public void cookieViolation(String cookieName, String declaredAs) {
            throw new IllegalStateException("listener down");
        }
    }

    @Test
    void hearsBlockedAndUndeclaredCookiesButNotThoseLetThrough() throws Exception {
        Recording recording = new Recording();
        try (TestSite site = TestSite.startWithListeners(SamtykkeConfig.ofDefaults(),
                Map.of("/page", new Servlets.Page()), new Failing(), recording)) {
            HttpResponse<String> response = site.get("/page?addCookie=_ga&addHeader=mystery_tracker");

            assertThat(TestSite.setCookie(response, "_ga")).isNull();
            assertThat(TestSite.setCookie(response, "mystery_tracker")).as("undeclared allowed by default").isNotNull();
            assertThat(recording.events).containsExactlyInAnyOrder("blocked _ga declared=true", "undeclared mystery_tracker");

            recording.events.clear();
            String accepted = site.consentCookie(new ConsentEvaluator(TestSite.POLICY, TestSite.CLOCK)
                    .acceptAll(ConsentEvaluator.newSubjectId()));
            site.get("/page?addCookie=_ga", "Cookie", accepted);
            assertThat(recording.events).as("a cookie let through is not an event").isEmpty();
        }
    }

    @Test
    void anUndeclaredCookieDroppedUnderBlockIsBothUndeclaredAndBlocked() throws Exception {
        Recording recording = new Recording();
        try (TestSite site = TestSite.startWithListeners(
                SamtykkeConfig.builder().undeclaredCookies(UndeclaredCookiePolicy.BLOCK).build(),
                Map.of("/page", new Servlets.Page()), recording)) {
            HttpResponse<String> response = site.get("/page?setHeader=other_tracker");

            assertThat(TestSite.setCookie(response, "other_tracker")).isNull();
            assertThat(recording.events).containsExactly("undeclared other_tracker", "blocked other_tracker declared=false");
        }
    }

    @Test
    void hearsEachRecordedDecisionOnlyWhenTheLedgerTookIt() throws Exception {
        Recording recording = new Recording();
        try (TestSite site = TestSite.startWithListeners(SamtykkeConfig.ofDefaults(), Map.of(), new Failing(), recording)) {
            HttpResponse<String> accepted = site.post("/consent", "{\"acceptAll\":true}");
            assertThat(accepted.statusCode()).as("a failing listener changes nothing").isEqualTo(200);
            site.delete("/consent", "Cookie", "consent=" + TestSite.cookieValue(accepted, "consent"));
            site.ledger.failing = true;
            assertThat(site.post("/consent", "{\"rejectAll\":true}").statusCode()).isEqualTo(503);

            assertThat(recording.events).containsExactly("decision accept-all", "decision withdraw");
            assertThat(recording.decisions.get(0)).isEqualTo(site.ledger.appended.get(0).decision());
            assertThat(recording.decisions.get(1).method()).isEqualTo(ConsentMethod.WITHDRAW);
            assertThat(recording.decisions.get(1).subjectId()).isEqualTo(recording.decisions.get(0).subjectId());
        }
    }
}
