package dev.samtykke.example.spring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the packaged application as the README does ({@code java -jar target/jackon-demo.jar}), on a
 * free port and with its H2 database in a temporary directory, checks that the site and the consent
 * endpoint answer, and stops it.
 */
class PackagedApplicationIT {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    @Test
    void thePackagedJarServesTheSiteAndTheConsentEndpoint(@TempDir Path dir) throws Exception {
        Path jar = Path.of(System.getProperty("jackon.jar", "target/jackon-demo.jar"));
        assertThat(jar).exists();
        int port = freePort();
        Path log = dir.resolve("app.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process app = new ProcessBuilder(List.of(java, "-jar", jar.toString(), "--server.port=" + port,
                "--jackon.data-dir=" + dir.resolve("data")))
                .directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
        try {
            SiteClient site = new SiteClient(port);
            HttpResponse<String> home = waitForHome(site, app, log);
            assertThat(home.statusCode()).isEqualTo(200);
            assertThat(home.body()).contains("Jackon AS", "/consent/banner.js");

            HttpResponse<String> consent = site.get("/consent", null);
            assertThat(consent.statusCode()).isEqualTo(200);
            assertThat(consent.body()).contains("\"policyId\":\"jackon\"", "\"needsPrompt\":true");

            site.consent("{\"acceptAll\":true}");
            assertThat(dir.resolve("data").resolve("samtykke.mv.db")).exists();
            assertThat(Files.readString(log)).contains("random development key");
        } finally {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static HttpResponse<String> waitForHome(SiteClient site, Process app, Path log) throws Exception {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!app.isAlive()) {
                throw new AssertionError("the application stopped with exit code " + app.exitValue() + ":\n"
                        + Files.readString(log));
            }
            try {
                return site.get("/", null);
            } catch (ConnectException notYet) {
                Thread.sleep(500);
            }
        }
        throw new AssertionError("the application did not answer within " + START_TIMEOUT + ":\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
