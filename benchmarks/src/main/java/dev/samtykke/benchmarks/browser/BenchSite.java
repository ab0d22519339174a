package dev.samtykke.benchmarks.browser;

import dev.samtykke.core.cookie.KeyRing;
import dev.samtykke.core.ledger.InMemoryConsentLedger;
import dev.samtykke.core.policy.PolicyLoader;
import dev.samtykke.servlet.Samtykke;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.compression.gzip.GzipCompression;
import org.eclipse.jetty.compression.server.CompressionConfig;
import org.eclipse.jetty.compression.server.CompressionHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * One embedded Jetty on 127.0.0.1 serving the benchmark's three pages: {@code /samtykke} behind the real
 * {@link Samtykke} filter and endpoints (reference policy {@code policies/jackon.json}, in-memory ledger),
 * {@code /cookieconsent} and {@code /klaro} with the peers' files from {@code node_modules} and their
 * configuration scripts. Every response goes through one {@link CompressionHandler} with gzip only (at
 * Jetty's default level), so all three are compressed the same way. Every page has the same content
 * ({@code bench/browser/page.html}); only each tool's tags differ.
 */
final class BenchSite implements AutoCloseable {

    private final Server server;
    private final String origin;

    private BenchSite(Server server, String origin) {
        this.server = server;
        this.origin = origin;
    }

    /**
     * Starts the site.
     *
     * @param nodeModules the {@code node_modules} directory of {@code benchmarks/browser} (npm ci)
     */
    static BenchSite start(Path nodeModules) throws Exception {
        Map<String, Body> files = new HashMap<>();
        for (BannerTool tool : BannerTool.values()) {
            String page = resource("bench/browser/page.html")
                    .replace("{{head}}", resource(tool.fragment("head")).strip())
                    .replace("{{gated}}", resource(tool.fragment("gated")).strip());
            files.put(tool.path(), new Body("text/html;charset=utf-8", page.getBytes(StandardCharsets.UTF_8), "no-store"));
            for (Map.Entry<String, String> file : tool.npmFiles().entrySet()) {
                Path path = nodeModules.resolve(file.getValue());
                if (!Files.isRegularFile(path)) {
                    throw new IllegalStateException(path.toAbsolutePath() + " is missing: run .ci/install-test-tools"
                            + " (npm ci --prefix benchmarks/browser)");
                }
                files.put(file.getKey(), Body.asset(file.getKey(), Files.readAllBytes(path)));
            }
        }
        for (String config : new String[] {"cookieconsent-config.js", "klaro-config.js"}) {
            files.put("/peers/" + config, Body.asset(config, resource("bench/browser/" + config).getBytes(StandardCharsets.UTF_8)));
        }
        files.put("/analytics.js", Body.asset("analytics.js", resource("bench/browser/analytics.js").getBytes(StandardCharsets.UTF_8)));
        files.put("/en/privacy", new Body("text/html;charset=utf-8",
                "<!doctype html><html lang=\"en\"><title>Privacy notice</title><h1>Privacy notice</h1></html>"
                        .getBytes(StandardCharsets.UTF_8), "no-store"));

        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Samtykke samtykke = Samtykke.builder()
                .policy(PolicyLoader.fromClasspath("policies/jackon.json"))
                .keys(KeyRing.fromBase64("bench", Base64.getEncoder().encodeToString(key), Map.of()))
                .ledger(new InMemoryConsentLedger())
                .build();

        ServletContextHandler context = new ServletContextHandler("/");
        FilterHolder filter = new FilterHolder(samtykke.filter());
        filter.setAsyncSupported(true);
        context.addFilter(filter, "/*", EnumSet.allOf(DispatcherType.class));
        context.addServlet(new ServletHolder(samtykke.endpoints()), samtykke.endpointsMapping());
        context.addServlet(new ServletHolder(new FixedFiles(Map.copyOf(files))), "/");

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        CompressionHandler gzip = new CompressionHandler(context);
        gzip.putCompression(new GzipCompression());
        gzip.putConfiguration("/*", CompressionConfig.builder().build());
        server.setHandler(gzip);
        server.start();
        return new BenchSite(server, "http://127.0.0.1:" + connector.getLocalPort());
    }

    String url(BannerTool tool) {
        return origin + tool.path();
    }

    private static String resource(String name) {
        try (InputStream in = BenchSite.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the benchmark's server", e);
        }
    }

    /** A fixed response body. */
    private record Body(String contentType, byte[] bytes, String cacheControl) {

        /** A script or style sheet, cacheable like Samtykke's own assets. */
        static Body asset(String name, byte[] bytes) {
            String type = name.endsWith(".css") ? "text/css;charset=utf-8" : "text/javascript;charset=utf-8";
            return new Body(type, bytes, "public, max-age=3600");
        }
    }

    /** Serves the fixed bodies by exact path; anything else is a 404. */
    private static final class FixedFiles extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient Map<String, Body> bodies;

        FixedFiles(Map<String, Body> bodies) {
            this.bodies = bodies;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Body body = bodies.get(request.getRequestURI());
            if (body == null) {
                response.sendError(404);
                return;
            }
            response.setContentType(body.contentType());
            response.setHeader("Cache-Control", body.cacheControl());
            response.getOutputStream().write(body.bytes());
        }
    }
}
