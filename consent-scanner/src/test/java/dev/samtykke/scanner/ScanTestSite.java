package dev.samtykke.scanner;

import dev.samtykke.core.cookie.KeyRing;
import dev.samtykke.core.ledger.InMemoryConsentLedger;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyLoader;
import dev.samtykke.servlet.Samtykke;
import dev.samtykke.servlet.SamtykkeConfig;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;

/**
 * The site the scanner tests scan: Samtykke's filter and endpoints with {@code site/policy.json} on an
 * embedded Jetty at 127.0.0.1, pages {@code /}, {@code /about} and {@code /private/area}; and a second
 * server at 127.0.0.2 standing for a third party ({@code /pixel.gif}). With {@code faulty}, every page
 * also has a script that sets {@code _ga} before consent, keeps an undeclared {@code localStorage} key
 * and loads the third party's pixel before consent, and the server sets an undeclared cookie. A request
 * with the header {@code X-Scan-Test} gets the undeclared cookie {@code header_seen}.
 */
public final class ScanTestSite implements AutoCloseable {

    /** The site's policy ({@code site/policy.json} on the test classpath). */
    public static final ConsentPolicy POLICY = PolicyLoader.fromClasspath("site/policy.json");

    private final Server site;
    private final Server third;
    private final String origin;
    private final String thirdParty;

    private ScanTestSite(Server site, Server third, String origin, String thirdParty) {
        this.site = site;
        this.third = third;
        this.origin = origin;
        this.thirdParty = thirdParty;
    }

    /**
     * Starts the site and its third party.
     *
     * @param faulty whether the pages misbehave
     * @return the running site
     * @throws Exception if Jetty does not start
     */
    public static ScanTestSite start(boolean faulty) throws Exception {
        Server third = new Server();
        ServerConnector thirdConnector = connector(third, "127.0.0.2");
        ServletContextHandler thirdContext = new ServletContextHandler("/");
        thirdContext.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setContentType("image/gif");
                resp.setHeader("Cache-Control", "no-store");
                resp.getOutputStream().write(Base64.getDecoder().decode("R0lGODlhAQABAAAAACw="));
            }
        }), "/*");
        third.setHandler(thirdContext);
        third.start();
        String thirdParty = "127.0.0.2:" + thirdConnector.getLocalPort();

        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        KeyRing keys = KeyRing.fromBase64("scan-test", Base64.getEncoder().encodeToString(key), Map.of());
        Samtykke samtykke = Samtykke.builder().policy(POLICY).keys(keys).ledger(new InMemoryConsentLedger())
                .clock(Clock.systemUTC()).config(SamtykkeConfig.ofDefaults()).build();
        Server site = new Server();
        ServerConnector connector = connector(site, "127.0.0.1");
        ServletContextHandler context = new ServletContextHandler("/");
        context.addFilter(new FilterHolder(samtykke.filter()), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(samtykke.endpoints()), samtykke.endpointsMapping());
        context.addServlet(new ServletHolder(new Pages(faulty, thirdParty)), "/");
        site.setHandler(context);
        site.start();
        return new ScanTestSite(site, third, "http://127.0.0.1:" + connector.getLocalPort(), thirdParty);
    }

    private static ServerConnector connector(Server server, String host) {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(0);
        server.addConnector(connector);
        return connector;
    }

    /** The URL of a path on the site, e.g. {@code url("/")}. */
    public String url(String path) {
        return origin + path;
    }

    @Override
    public void close() throws Exception {
        site.stop();
        third.stop();
    }

    private static final class Pages extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final boolean faulty;
        private final String thirdParty;

        Pages(boolean faulty, String thirdParty) {
            this.faulty = faulty;
            this.thirdParty = thirdParty;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String path = req.getRequestURI();
            if (!path.equals("/") && !path.equals("/about") && !path.equals("/private/area")) {
                resp.sendError(404);
                return;
            }
            if (faulty) {
                resp.addHeader("Set-Cookie", "tracking_id=t-1; Path=/; Max-Age=86400; SameSite=Lax");
            }
            if (req.getHeader("X-Scan-Test") != null) {
                // Stands for a signed-in area: reached only with the header the scan is given.
                resp.addHeader("Set-Cookie", "header_seen=1; Path=/; Max-Age=86400; SameSite=Lax");
            }
            String page = read("site/page.html")
                    .replace("{{faults}}", faulty ? read("site/faults.html") : "")
                    .replace("{{title}}", path.equals("/") ? "Home" : path.substring(1))
                    .replace("{{third}}", thirdParty);
            resp.setContentType("text/html;charset=utf-8");
            resp.setHeader("Cache-Control", "no-store");
            resp.getOutputStream().write(page.getBytes(StandardCharsets.UTF_8));
        }

        private static String read(String resource) throws IOException {
            try (InputStream in = Pages.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("missing test resource " + resource);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
