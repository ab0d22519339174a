package dev.samtykke.example.jetty;

import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The example site started on a free port and visited over HTTP. */
class JettyExampleTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static Server server;
    private static String origin;

    @BeforeAll
    static void start() throws Exception {
        server = JettyExample.start("127.0.0.1", 0);
        origin = "http://127.0.0.1:" + JettyExample.localPort(server);
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(origin + path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void homePageIncludesTheBannerAndAGatedScriptAndSetsNoTrackingCookieWithoutConsent() throws Exception {
        HttpResponse<String> home = get("/");

        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("<script src=\"/consent/banner.js\" defer></script>",
                "<link rel=\"stylesheet\" href=\"/consent/banner.css\">",
                "<script type=\"text/plain\" data-consent=\"analytics\">", "Analyse er av");
        assertThat(home.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("_ga="));
    }

    @Test
    void consentEndpointAnswersTheReferencePolicyState() throws Exception {
        HttpResponse<String> state = get("/consent");

        assertThat(state.statusCode()).isEqualTo(200);
        assertThat(state.body()).contains("\"policyId\":\"jackon\"", "\"needsPrompt\":true", "\"analytics\":false");
    }

    @Test
    void acceptingAnalyticsOpensTheTrackingEndpointAndTheCookie() throws Exception {
        assertThat(get("/collect/pageview").headers().firstValue("X-Counted")).isEmpty();
        HttpResponse<String> accepted = CLIENT.send(HttpRequest.newBuilder(URI.create(origin + "/consent"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"purposes\":{\"analytics\":true,\"marketing\":false}}"))
                .header("Content-Type", "application/json").header("Origin", origin).build(), HttpResponse.BodyHandlers.ofString());
        String cookie = accepted.headers().firstValue("Set-Cookie").orElseThrow();
        String consent = cookie.substring(0, cookie.indexOf(';'));

        HttpResponse<String> home = get("/", "Cookie", consent);
        HttpResponse<String> collect = get("/collect/pageview", "Cookie", consent);

        assertThat(home.body()).contains("Analyse er på");
        assertThat(home.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("_ga="));
        assertThat(collect.statusCode()).isEqualTo(204);
        assertThat(collect.headers().firstValue("X-Counted")).hasValue("true");
    }

    @Test
    void privacyPageListsThePurposes() throws Exception {
        HttpResponse<String> privacy = get("/en/privacy");

        assertThat(privacy.statusCode()).isEqualTo(200);
        assertThat(privacy.body()).contains("Jackon AS", "_ga", "consent");
    }
}
