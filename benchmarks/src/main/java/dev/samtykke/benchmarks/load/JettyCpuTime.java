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
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.BufferUtil;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The load benchmark's server measured in process CPU time, without a network: the same page at
 * {@code /a/page} (no filter), {@code /n/page} (a pass-through filter), {@code /f/page}
 * ({@code ConsentFilter}), all filters registered as {@code FilterLoadServer} registers them, requests
 * sent one after another over one keep-alive connection of Jetty's {@link LocalConnector}, each with the
 * benchmark's consent cookie, and served on the sending thread ({@link InlinePool}). Besides those, parts of what the filter does, each alone behind a filter:
 * {@code /s/page} sets one request attribute, {@code /r/page} wraps the response, {@code /q/page} wraps
 * the request and the response. Slices of {@code requests} requests rotate over the paths; the
 * sending thread's CPU time per request (the client's work, Jetty's and the application's; not the JIT
 * compiler's or the collector's) is taken per slice, and the median over the rounds of each path's excess over {@code /a} is printed. CPU
 * time, unlike wall time, does not count waiting for a core, so the figures hold on a loaded machine.
 *
 * <pre>java -Xms512m -Xmx512m -XX:+AlwaysPreTouch -cp benchmarks/target/classes:… \
 *     dev.samtykke.benchmarks.load.JettyCpuTime [rounds=30] [requests=20000] [warmup=200000] [paths=a,n,f,s,r,q]</pre>
 */
public final class JettyCpuTime {

    private JettyCpuTime() {
    }

    /** Sets one attribute, as the consent filter does. */
    static final class SetsAttribute implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            request.setAttribute("bench.state", Boolean.TRUE);
            chain.doFilter(request, response);
        }
    }

    /** Wraps the response. */
    static final class WrapsResponse implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            chain.doFilter(request, new HttpServletResponseWrapper((HttpServletResponse) response));
        }
    }

    /** Wraps the request and the response. */
    static final class WrapsBoth implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            chain.doFilter(new HttpServletRequestWrapper((HttpServletRequest) request),
                    new HttpServletResponseWrapper((HttpServletResponse) response));
        }
    }

    /**
     * Runs every task at once on the thread that hands it over, so that a request sent through the
     * {@link LocalConnector} is parsed, served and answered on the measuring thread: no hand-over to
     * another thread, whose wake-ups would add their own cost and noise, and the thread's own CPU time
     * covers the whole request.
     */
    static final class InlinePool extends org.eclipse.jetty.util.component.AbstractLifeCycle
            implements org.eclipse.jetty.util.thread.ThreadPool {
        /** Until the server has started, tasks (the connector's acceptor) get threads of their own. */
        volatile boolean inline;

        @Override
        public void execute(Runnable task) {
            if (inline) {
                task.run();
            } else {
                Thread thread = new Thread(task, "bench-" + task);
                thread.setDaemon(true);
                thread.start();
            }
        }

        @Override
        public void join() {
        }

        @Override
        public int getThreads() {
            return 1;
        }

        @Override
        public int getIdleThreads() {
            return 0;
        }

        @Override
        public boolean isLowOnThreads() {
            return false;
        }
    }

    private static FilterHolder holder(Filter filter) {
        FilterHolder holder = new FilterHolder(filter);
        holder.setAsyncSupported(true);
        return holder;
    }

    /**
     * Runs the measurement.
     *
     * @param args {@code key=value}: {@code rounds}, {@code requests} (per slice), {@code warmup} (requests per path),
     *             {@code paths} (letters), {@code policy} (file)
     * @throws Exception if the server fails
     */
    public static void main(String[] args) throws Exception {
        int rounds = 30;
        int requests = 20_000;
        int warmup = 200_000;
        String policyFile = "examples/policy/jackon.json";
        List<String> paths = List.of("a", "n", "f", "s", "r", "q");
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            switch (kv[0]) {
                case "rounds" -> rounds = Integer.parseInt(kv[1]);
                case "requests" -> requests = Integer.parseInt(kv[1]);
                case "warmup" -> warmup = Integer.parseInt(kv[1]);
                case "paths" -> paths = List.of(kv[1].split(","));
                case "policy" -> policyFile = kv[1];
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        ConsentPolicy policy = PolicyLoader.fromFile(java.nio.file.Path.of(policyFile));
        KeyRing keys = KeyRing.fromBase64("bench",
                Base64.getEncoder().encodeToString("benchmark-signing-key-of-32-bytes!".getBytes(StandardCharsets.US_ASCII)),
                Map.of());
        Samtykke samtykke = Samtykke.builder().policy(policy).keys(keys).ledger(new InMemoryConsentLedger()).build();

        ServletContextHandler context = new ServletContextHandler("/");
        EnumSet<DispatcherType> all = EnumSet.allOf(DispatcherType.class);
        context.addFilter(holder(samtykke.filter()), "/f/*", all);
        context.addFilter(holder(new FilterLoadServer.PassThrough()), "/n/*", all);
        context.addFilter(holder(new SetsAttribute()), "/s/*", all);
        context.addFilter(holder(new WrapsResponse()), "/r/*", all);
        context.addFilter(holder(new WrapsBoth()), "/q/*", all);
        FilterLoadServer.Page page = new FilterLoadServer.Page();
        for (String p : List.of("a", "n", "f", "s", "r", "q")) {
            context.addServlet(new ServletHolder("page-" + p, page), "/" + p + "/*");
        }
        InlinePool pool = new InlinePool();
        Server server = new Server(pool);
        LocalConnector connector = new LocalConnector(server);
        server.addConnector(connector);
        server.setHandler(context);
        server.start();
        pool.inline = true;
        try {
            String cookie = new ConsentCookieCodec(keys, policy, Clock.systemUTC())
                    .encode(new ConsentEvaluator(policy, Clock.systemUTC()).acceptAll(ConsentEvaluator.newSubjectId()));
            LocalConnector.LocalEndPoint endPoint = connector.connect();
            java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            int n = paths.size();
            ByteBuffer[] raw = new ByteBuffer[n];
            for (int i = 0; i < n; i++) {
                raw[i] = BufferUtil.toBuffer("GET /" + paths.get(i) + "/page HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"
                        + "Cookie: consent=" + cookie + "\r\n\r\n", StandardCharsets.US_ASCII);
            }
            for (int i = 0; i < n; i++) {
                run(endPoint, raw[i], warmup / 2);
            }
            for (int i = 0; i < n; i++) {
                run(endPoint, raw[i], warmup / 2);
            }
            double[][] perRequest = new double[n][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < n; k++) {
                    int i = (r + k) % n;
                    long before = threads.getCurrentThreadCpuTime();
                    run(endPoint, raw[i], requests);
                    perRequest[i][r] = (threads.getCurrentThreadCpuTime() - before) / 1000.0 / requests;
                }
            }
            System.out.printf(Locale.ROOT, "# %d rounds of %d requests per path, after %d warm-up requests per path%n",
                    rounds, requests, warmup);
            int plain = paths.indexOf("a");
            for (int i = 0; i < n; i++) {
                double[] sorted = perRequest[i].clone();
                Arrays.sort(sorted);
                String excess = "";
                if (plain >= 0 && i != plain) {
                    double[] d = new double[rounds];
                    for (int r = 0; r < rounds; r++) {
                        d[r] = perRequest[i][r] - perRequest[plain][r];
                    }
                    Arrays.sort(d);
                    excess = String.format(Locale.ROOT, "  excess over /a: median %.3f µs (quartiles %.3f, %.3f)",
                            median(d), d[rounds / 4], d[3 * rounds / 4]);
                }
                System.out.printf(Locale.ROOT, "/%s/page  CPU per request: median %.3f µs, min %.3f%s%n", paths.get(i),
                        median(sorted), sorted[0], excess);
            }
        } finally {
            server.stop();
        }
    }

    private static void run(LocalConnector.LocalEndPoint endPoint, ByteBuffer raw, int requests) throws Exception {
        for (int j = 0; j < requests; j++) {
            endPoint.addInputAndExecute(raw.slice());
            ByteBuffer response = endPoint.waitForResponse(false, 10, TimeUnit.SECONDS);
            if (response == null || response.remaining() < 12 || response.get(9) != '2') {
                throw new IllegalStateException("no 2xx answer: "
                        + (response == null ? null : BufferUtil.toString(response)));
            }
        }
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
