package dev.samtykke.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Samtykke set up by {@code web.xml} alone (src/test/resources/webxml-app/WEB-INF/web.xml). */
class WebXmlTest {

    private static Server server;
    private static String origin;
    private static WebAppContext webapp;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** A tracking endpoint of the web application. */
    public static class Collect extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.getWriter().print("tracked");
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setBaseResourceAsPath(Path.of(WebXmlTest.class.getResource("/webxml-app").toURI()));
        webapp.setParentLoaderPriority(true);
        webapp.setThrowUnavailableOnStartupException(true);
        server.setHandler(webapp);
        server.start();
        origin = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void filterAndEndpointsShareOneInstanceBuiltFromTheParameters() throws Exception {
        Samtykke shared = (Samtykke) webapp.getServletContext().getAttribute(Samtykke.CONTEXT_ATTRIBUTE);

        assertThat(shared).isNotNull();
        assertThat(shared.policy().id()).isEqualTo("jackon");
        assertThat(shared.config().basePath()).isEqualTo("/api/consent");
        assertThat(shared.config().cookieName()).isEqualTo("cc");
        assertThat(shared.config().trackingPaths()).containsExactly(TrackingPath.of("/collect/**", "analytics"),
                TrackingPath.of("/ads/**", "analytics", "marketing"));
    }

    @Test
    void endpointsAnswerAtTheConfiguredBasePathWithTheConfiguredCookie() throws Exception {
        HttpResponse<String> state = send(HttpRequest.newBuilder(URI.create(origin + "/api/consent")).GET());
        assertThat(state.statusCode()).isEqualTo(200);
        assertThat(state.body()).contains("\"policyId\":\"jackon\"", "\"needsPrompt\":true");

        HttpResponse<String> accepted = send(HttpRequest.newBuilder(URI.create(origin + "/api/consent"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"acceptAll\":true}"))
                .header("Content-Type", "application/json").header("Origin", origin));
        assertThat(accepted.statusCode()).isEqualTo(200);
        String cookie = accepted.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("cc=");

        HttpResponse<String> policy = send(HttpRequest.newBuilder(URI.create(origin + "/api/consent/policy?lang=en")).GET());
        assertThat(policy.body()).contains("\"locale\":\"en\"");

        String consent = cookie.substring(0, cookie.indexOf(';'));
        HttpResponse<String> tracked = send(HttpRequest.newBuilder(URI.create(origin + "/collect/x")).GET().header("Cookie", consent));
        assertThat(tracked.body()).isEqualTo("tracked");
    }

    @Test
    void trackingPathFromTheParametersIsGated() throws Exception {
        HttpResponse<String> gated = send(HttpRequest.newBuilder(URI.create(origin + "/collect/x")).GET());

        assertThat(gated.statusCode()).isEqualTo(204);
    }
}
