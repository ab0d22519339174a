package dev.samtykke.benchmarks.load;

import dev.samtykke.core.consent.ConsentEvaluator;
import dev.samtykke.core.cookie.ConsentCookieCodec;
import dev.samtykke.core.cookie.KeyRing;
import dev.samtykke.core.ledger.InMemoryConsentLedger;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyLoader;
import dev.samtykke.servlet.Samtykke;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;

/**
 * The server of {@code benchmarks/load/filter-load.sh}: one page served twice in one JVM, at
 * {@code /a/page} without Samtykke and at {@code /f/page} behind {@code ConsentFilter}, so that both
 * share the JIT, the heap and the connector; and at {@code /n/page} behind a filter that only passes the
 * request on, the floor any filter costs in Jetty. Prints {@code PORT n} and {@code COOKIE consent=…} (a
 * valid accept-all cookie of the reference policy) when ready.
 *
 * <pre>java -cp … dev.samtykke.benchmarks.load.FilterLoadServer --policy examples/policy/jackon.json [--port 0]</pre>
 */
public final class FilterLoadServer {

    private FilterLoadServer() {
    }

    /** A fixed page of about 2 KB, the same bytes on both paths. */
    static final class Page extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private static final byte[] BODY = ("<!doctype html><html lang=\"nb\"><head><meta charset=\"utf-8\"><title>Jackon</title>"
                + "<link rel=\"stylesheet\" href=\"/consent/banner.css\"><script src=\"/consent/banner.js\" defer></script>"
                + "</head><body><h1>Jackon</h1>" + "<p>Isolasjon og byggesystemer for grunnmur, vegg og tak.</p>".repeat(30)
                + "</body></html>").getBytes(StandardCharsets.UTF_8);

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/html;charset=utf-8");
            response.setContentLength(BODY.length);
            response.getOutputStream().write(BODY);
        }
    }

    /** A filter that does nothing but pass the request on: the cost of having any filter at all. */
    static final class PassThrough implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            chain.doFilter(request, response);
        }
    }

    private static FilterHolder asyncSupported(FilterHolder holder) {
        holder.setAsyncSupported(true);
        return holder;
    }

    /**
     * Starts the server and waits.
     *
     * @param args {@code --policy FILE} (required) and {@code --port N}
     * @throws Exception if it cannot start
     */
    public static void main(String[] args) throws Exception {
        String policyFile = null;
        int port = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--policy" -> policyFile = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (policyFile == null) {
            throw new IllegalArgumentException("--policy FILE is required");
        }
        ConsentPolicy policy = PolicyLoader.fromFile(Path.of(policyFile));
        KeyRing keys = KeyRing.fromBase64("bench",
                Base64.getEncoder().encodeToString("benchmark-signing-key-of-32-bytes!".getBytes(StandardCharsets.US_ASCII)),
                Map.of());
        Samtykke samtykke = Samtykke.builder().policy(policy).keys(keys).ledger(new InMemoryConsentLedger()).build();

        ServletContextHandler context = new ServletContextHandler("/");
        // Both filters registered as docs/servlet.md advises: every dispatch type, asynchronous requests supported.
        context.addFilter(asyncSupported(new FilterHolder(samtykke.filter())), "/f/*", EnumSet.allOf(DispatcherType.class));
        Page page = new Page();
        context.addFilter(asyncSupported(new FilterHolder(new PassThrough())), "/n/*", EnumSet.allOf(DispatcherType.class));
        context.addServlet(new ServletHolder("plain", page), "/a/*");
        context.addServlet(new ServletHolder("passThrough", page), "/n/*");
        context.addServlet(new ServletHolder("filtered", page), "/f/*");
        context.addServlet(new ServletHolder(samtykke.endpoints()), samtykke.endpointsMapping());

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(context);
        server.start();

        ConsentCookieCodec codec = new ConsentCookieCodec(keys, policy, Clock.systemUTC());
        String cookie = codec.encode(new ConsentEvaluator(policy, Clock.systemUTC()).acceptAll(ConsentEvaluator.newSubjectId()));
        System.out.println("COOKIE consent=" + cookie);
        System.out.println("PORT " + connector.getLocalPort());
        System.out.flush();
        server.join();
    }
}
