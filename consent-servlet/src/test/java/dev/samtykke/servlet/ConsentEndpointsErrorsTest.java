package dev.samtykke.servlet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import dev.samtykke.core.consent.ConsentEvaluator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every refusal of the endpoints: the status and JSON error, and that a refused request changes
 * neither the ledger nor the cookie.
 */
class ConsentEndpointsErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestSite site;
    private int recordsBefore;

    @BeforeAll
    static void start() throws Exception {
        site = TestSite.start();
    }

    @AfterAll
    static void stop() throws Exception {
        site.close();
    }

    @BeforeEach
    void countRecords() {
        recordsBefore = site.ledger.appended.size();
    }

    @AfterEach
    void ledgerUp() {
        site.ledger.failing = false;
    }

    /** Asserts the status, the error code, and that nothing changed. */
    private void assertRefused(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("error").asString()).isEqualTo(code);
        assertThat(error.get("detail").asString()).isNotBlank();
        assertThat(TestSite.setCookies(response)).as("no cookie change").isEmpty();
        assertThat(site.ledger.appended).as("no ledger change").hasSize(recordsBefore);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "not json", "{\"acceptAll\":true} trailing", "{\"acceptAll\":true,\"acceptAll\":true}", ""})
    void malformedJsonIsBadRequest(String body) throws Exception {
        assertRefused(site.post("/consent", body), 400, "bad_request");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[]", "true", "{}", "{\"acceptAll\":\"yes\"}", "{\"acceptAll\":false}", "{\"rejectAll\":1}",
            "{\"purposes\":[\"analytics\"]}", "{\"purposes\":{\"analytics\":\"true\"}}", "{\"purposes\":{\"analytics\":null}}",
            "{\"acceptAll\":true,\"rejectAll\":true}", "{\"acceptAll\":true,\"purposes\":{}}", "{\"accept\":true}",
            "{\"acceptAll\":true,\"locale\":7}"})
    void wrongShapesAndTypesAreBadRequest(String body) throws Exception {
        assertRefused(site.post("/consent", body), 400, "bad_request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nosuchpurpose", "security", "requested-content"})
    void unknownOrNonConsentPurposeIsBadRequest(String purpose) throws Exception {
        HttpResponse<String> response = site.post("/consent", "{\"purposes\":{\"" + purpose + "\":true}}");

        assertRefused(response, 400, "bad_request");
        assertThat(response.body()).contains(purpose);
    }

    @Test
    void crossSiteOriginIsForbidden() throws Exception {
        assertRefused(site.post("/consent", "{\"acceptAll\":true}", "Origin", "https://evil.example"), 403, "forbidden");
        assertRefused(site.post("/consent", "{\"acceptAll\":true}", "Origin", "null"), 403, "forbidden");
        assertRefused(site.post("/consent", "{\"acceptAll\":true}", "Origin", "http://127.0.0.1:1"), 403, "forbidden");
    }

    /**
     * A refusal that leaves the body unread ends the connection openly ({@code Connection: close}), so a
     * client does not send its next request on a connection whose unread body the server would take for it.
     */
    @Test
    void refusalWithAnUnreadBodyClosesTheConnection() throws Exception {
        String refused = exchange("POST /consent HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: https://evil.example\r\n"
                + "Content-Type: application/json\r\nContent-Length: 18\r\n\r\n{\"acceptAll\":true}");
        assertThat(refused).startsWith("HTTP/1.1 403").containsIgnoringCase("\r\nConnection: close\r\n");

        String readThenRefused = exchange("POST /consent HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: 1\r\n\r\n{");
        assertThat(readThenRefused).startsWith("HTTP/1.1 400").doesNotContainIgnoringCase("Connection: close");
    }

    /**
     * An oversized chunked body is refused after reading (and dropping) the rest of it, up to a budget, so that
     * the client, still sending, reads the 413 rather than a reset connection; within the budget the connection
     * stays usable, past it the answer says {@code Connection: close}.
     */
    @Test
    void oversizedChunkedBodyIsDrainedWithinABudgetBeforeTheRefusal() throws Exception {
        String drained = exchange(chunked(20_000));
        assertThat(drained).startsWith("HTTP/1.1 413").doesNotContainIgnoringCase("Connection: close");

        String tooMuchToDrain = exchange(chunked(100_000));
        assertThat(tooMuchToDrain).startsWith("HTTP/1.1 413").containsIgnoringCase("\r\nConnection: close\r\n");
    }

    private static String chunked(int padding) {
        String body = "{\"acceptAll\":true,\"pad\":\"" + "x".repeat(padding) + "\"}";
        return "POST /consent HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length()) + "\r\n" + body
                + "\r\n0\r\n\r\n";
    }

    /** Sends one raw request and reads the answer's head. */
    private static String exchange(String request) throws Exception {
        java.net.URI uri = site.uri("/");
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            java.io.InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (head.indexOf("\r\n\r\n") < 0) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.append((char) b);
            }
            return head.toString();
        }
    }

    @Test
    void crossSiteFetchMetadataIsForbidden() throws Exception {
        HttpRequest.Builder request = site.request("/consent").POST(HttpRequest.BodyPublishers.ofString("{\"acceptAll\":true}"))
                .header("Content-Type", "application/json").header("Sec-Fetch-Site", "cross-site");
        assertRefused(site.send(request), 403, "forbidden");
        HttpRequest.Builder sibling = site.request("/consent").POST(HttpRequest.BodyPublishers.ofString("{\"acceptAll\":true}"))
                .header("Content-Type", "application/json").header("Sec-Fetch-Site", "same-site");
        assertRefused(site.send(sibling), 403, "forbidden");
    }

    @Test
    void crossSiteDeleteIsForbidden() throws Exception {
        String cookie = site.consentCookie(new ConsentEvaluator(TestSite.POLICY, TestSite.CLOCK)
                .acceptAll(ConsentEvaluator.newSubjectId()));
        assertRefused(site.delete("/consent", "Cookie", cookie + "; _ga=1", "Origin", "https://evil.example"), 403, "forbidden");
        assertRefused(site.delete("/consent", "Cookie", cookie, "Sec-Fetch-Site", "cross-site"), 403, "forbidden");
    }

    @Test
    void sameOriginAndUserInitiatedRequestsPass() throws Exception {
        HttpRequest.Builder typed = site.request("/consent").POST(HttpRequest.BodyPublishers.ofString("{\"rejectAll\":true}"))
                .header("Content-Type", "application/json").header("Sec-Fetch-Site", "none");
        assertThat(site.send(typed).statusCode()).isEqualTo(200);
        HttpRequest.Builder noBrowser = site.request("/consent").POST(HttpRequest.BodyPublishers.ofString("{\"rejectAll\":true}"))
                .header("Content-Type", "application/json");
        assertThat(site.send(noBrowser).statusCode()).isEqualTo(200);
    }

    @Test
    void bodyOverTheLimitIsRefusedByContentLength() throws Exception {
        String big = "{\"purposes\":{\"analytics\":true},\"locale\":\"" + "x".repeat(9000) + "\"}";

        assertRefused(site.post("/consent", big), 413, "payload_too_large");
    }

    @Test
    void chunkedBodyOverTheLimitIsRefusedByABoundedRead() throws Exception {
        byte[] big = ("{\"acceptAll\":true,\"pad\":\"" + "x".repeat(20_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = site.request("/consent")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .header("Content-Type", "application/json").header("Origin", site.origin());

        assertRefused(site.send(request), 413, "payload_too_large");
    }

    @Test
    void theLimitIsConfigurable() throws Exception {
        try (TestSite small = TestSite.start(SamtykkeConfig.builder().maxBodyBytes(64).build(), java.util.Map.of())) {
            String body = "{\"purposes\":{\"analytics\":true,\"marketing\":false}, \"locale\":\"nb-NO\"}     ";
            HttpResponse<String> response = small.post("/consent", body);
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(small.ledger.appended).isEmpty();
            assertThat(small.post("/consent", "{\"rejectAll\":true}").statusCode()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/json; charset=iso-8859-1", "application/jsonx"})
    void wrongContentTypeIsUnsupported(String contentType) throws Exception {
        HttpRequest.Builder request = site.request("/consent").POST(HttpRequest.BodyPublishers.ofString("{\"acceptAll\":true}"))
                .header("Content-Type", contentType).header("Origin", site.origin());

        assertRefused(site.send(request), 415, "unsupported_media_type");
    }

    @Test
    void missingContentTypeIsUnsupported() throws Exception {
        HttpRequest.Builder request = site.request("/consent").POST(HttpRequest.BodyPublishers.ofString("{\"acceptAll\":true}"))
                .header("Origin", site.origin());

        assertRefused(site.send(request), 415, "unsupported_media_type");
    }

    @Test
    void jsonWithUtf8CharsetIsAccepted() throws Exception {
        HttpRequest.Builder request = site.request("/consent").POST(HttpRequest.BodyPublishers.ofString("{\"acceptAll\":true}"))
                .header("Content-Type", "application/json; charset=UTF-8").header("Origin", site.origin());

        assertThat(site.send(request).statusCode()).isEqualTo(200);
    }

    @Test
    void wrongMethodIsNotAllowed() throws Exception {
        HttpResponse<String> put = site.send(site.request("/consent").PUT(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json"));
        assertRefused(put, 405, "method_not_allowed");
        assertThat(put.headers().firstValue("Allow")).hasValue("GET, HEAD, POST, DELETE");

        HttpResponse<String> postPolicy = site.post("/consent/policy", "{}");
        assertRefused(postPolicy, 405, "method_not_allowed");
        assertThat(postPolicy.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertRefused(site.delete("/consent/records"), 405, "method_not_allowed");
        assertRefused(site.post("/consent/banner.js", "{}"), 405, "method_not_allowed");
    }

    @Test
    void unknownEndpointIsNotFound() throws Exception {
        assertRefused(site.get("/consent/nothing-here"), 404, "not_found");
    }

    @Test
    void ledgerFailureIsServiceUnavailableAndLeavesTheCookieAlone() throws Exception {
        site.ledger.failing = true;

        assertRefused(site.post("/consent", "{\"acceptAll\":true}"), 503, "service_unavailable");
        assertRefused(site.delete("/consent"), 503, "service_unavailable");
        String cookie = site.consentCookie(new ConsentEvaluator(TestSite.POLICY, TestSite.CLOCK)
                .acceptAll(ConsentEvaluator.newSubjectId()));
        assertRefused(site.get("/consent/records", "Cookie", cookie), 503, "service_unavailable");
    }

    /** Seeded random bodies: every answer is 200 or 400, never a server error. */
    @Test
    void noBodyYieldsAServerError() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<String> pieces = List.of("{", "}", "[", "]", "\"acceptAll\"", "\"rejectAll\"", "\"purposes\"", "\"analytics\"",
                "\"marketing\"", ":", ",", "true", "false", "null", "1e999", "-0", "\"\\u0000\"", "\"\\ud800\"", "\"locale\"",
                "\"nb\"", "{\"analytics\":true}", " ", "\u00e6\u00f8\u00e5", "\"" + "a".repeat(100) + "\"");
        for (int i = 0; i < 150; i++) {
            StringBuilder body = new StringBuilder();
            int length = random.nextInt(12);
            for (int j = 0; j < length; j++) {
                body.append(pieces.get(random.nextInt(pieces.size())));
            }
            HttpResponse<String> response = site.post("/consent", body.toString());
            assertThat(response.statusCode()).as("seed %d, body %s", seed, body).isIn(200, 400);
        }
        byte[] binary = new byte[200];
        new Random(seed).nextBytes(binary);
        HttpResponse<String> response = site.send(site.request("/consent").POST(HttpRequest.BodyPublishers.ofByteArray(binary))
                .header("Content-Type", "application/json"));
        assertThat(response.statusCode()).as("seed %d", seed).isEqualTo(400);
        List<Integer> statuses = new ArrayList<>();
        for (String path : List.of("/consent/policy?lang=%FF%FE", "/consent/policy?lang=" + "x".repeat(500),
                "/consent/policy?lang=-", "/consent?x=%00")) {
            statuses.add(site.get(path, "Accept-Language", "*;q=abc,,,;").statusCode());
        }
        assertThat(statuses).allMatch(status -> status < 500);
    }
}
