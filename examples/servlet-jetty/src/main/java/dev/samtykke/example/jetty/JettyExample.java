package dev.samtykke.example.jetty;

import dev.samtykke.core.cookie.KeyRing;
import dev.samtykke.core.ledger.InMemoryConsentLedger;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyLoader;
import dev.samtykke.servlet.Samtykke;
import dev.samtykke.servlet.SamtykkeConfig;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.util.EnumSet;
import java.util.Map;

/**
 * A small Jackon site on embedded Jetty with Samtykke in front of it: the consent banner, a script
 * that runs only with analytics consent, a cookie the server sets only with analytics consent, and
 * a tracking endpoint ({@code /collect/**}) that answers 204 without it.
 *
 * <pre>java -jar examples/servlet-jetty/target/samtykke-example-jetty.jar [--port 8081] [--host 127.0.0.1]</pre>
 *
 * The signing key comes from the environment variable {@code SAMTYKKE_SIGNING_KEY} (base64, at least
 * 32 bytes); without it a random development key is used and consent is forgotten on restart.
 */
public final class JettyExample {

    /** The port used when {@code --port} is not given. */
    public static final int DEFAULT_PORT = 8081;

    private JettyExample() {
    }

    /**
     * Starts the site and waits until the JVM stops.
     *
     * @param args {@code --port N} and {@code --host NAME}, both optional
     * @throws Exception if the server cannot start
     */
    public static void main(String[] args) throws Exception {
        int port = DEFAULT_PORT;
        String host = "127.0.0.1";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                case "--host" -> host = value(args, ++i, "--host");
                case "--help", "-h" -> {
                    System.out.println("usage: java -jar samtykke-example-jetty.jar [--port 8081] [--host 127.0.0.1]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (try --help)");
            }
        }
        Server server = start(host, port);
        System.out.println("Jackon example running at http://" + host + ":" + localPort(server) + "/");
        server.join();
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    /**
     * Starts the site.
     *
     * @param host the address to listen on
     * @param port the port, 0 for any free one
     * @return the started server
     * @throws Exception if it cannot start
     */
    public static Server start(String host, int port) throws Exception {
        ConsentPolicy policy = PolicyLoader.fromClasspath("policy/jackon.json");
        String key = System.getenv("SAMTYKKE_SIGNING_KEY");
        KeyRing keys = key == null || key.isBlank() ? KeyRing.development() : KeyRing.fromBase64("k1", key, Map.of());
        Samtykke samtykke = Samtykke.builder()
                .policy(policy)
                .keys(keys)
                .ledger(new InMemoryConsentLedger())
                .config(SamtykkeConfig.builder().trackingPath("/collect/**", "analytics").build())
                .build();

        ServletContextHandler context = new ServletContextHandler("/");
        FilterHolder filter = new FilterHolder(samtykke.filter());
        filter.setAsyncSupported(true);
        context.addFilter(filter, "/*", EnumSet.allOf(DispatcherType.class)); // every dispatch: error pages, async
        context.addServlet(new ServletHolder("samtykke", samtykke.endpoints()), samtykke.endpointsMapping());
        CollectServlet collect = new CollectServlet();
        context.addServlet(new ServletHolder("collect", collect), "/collect/*");
        context.addServlet(new ServletHolder("privacy", new PrivacyServlet(policy)), "/personvern");
        context.addServlet(new ServletHolder("privacy-en", new PrivacyServlet(policy)), "/en/privacy");
        context.addServlet(new ServletHolder("home", new HomeServlet(collect)), "/");

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(context);
        server.start();
        return server;
    }

    /**
     * The port a started server listens on.
     *
     * @param server a server from {@link #start(String, int)}
     * @return the port
     */
    public static int localPort(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }
}
