package dev.samtykke.servlet;

import dev.samtykke.core.consent.ConsentEvaluator;
import dev.samtykke.core.cookie.ConsentCookieCodec;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.FilterMapping;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * consent-servlet's {@code META-INF/web-fragment.xml} in a web application that has the library in
 * {@code WEB-INF/lib}, as a WAR does: the filter is registered for every dispatch without a line of
 * {@code web.xml}, shares the instance of a filter the application declares itself, and stays idle in an
 * application that configures nothing.
 */
class WebFragmentTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String CONTEXT_PARAMETERS = """
              <context-param><param-name>samtykke.policy</param-name><param-value>classpath:policies/jackon.json</param-value></context-param>
              <context-param><param-name>samtykke.keys.signing-key-id</param-name><param-value>t1</param-value></context-param>
              <context-param><param-name>samtykke.keys.signing-key</param-name><param-value>MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=</param-value></context-param>
            """;
    private static final String APPLICATION = """
              <servlet><servlet-name>page</servlet-name><servlet-class>dev.samtykke.servlet.WebFragmentTest$Page</servlet-class></servlet>
              <servlet-mapping><servlet-name>page</servlet-name><url-pattern>/page</url-pattern></servlet-mapping>
              <servlet><servlet-name>missing</servlet-name><servlet-class>dev.samtykke.servlet.WebFragmentTest$Missing</servlet-class></servlet>
              <servlet-mapping><servlet-name>missing</servlet-name><url-pattern>/missing</url-pattern></servlet-mapping>
              <error-page><error-code>404</error-code><location>/page</location></error-page>
            """;

    /** Sets {@code _ga} and answers its dispatch type and whether a consent is bound. */
    public static class Page extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.addCookie(new Cookie("_ga", "GA1.1.1"));
            response.getWriter().print(request.getDispatcherType() + " " + ConsentContext.find()
                    .map(state -> "analytics=" + state.allows("analytics")).orElse("unbound"));
        }
    }

    /** Answers {@code 404} with {@code sendError}. */
    public static class Missing extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.sendError(404);
        }
    }

    @Test
    void theFragmentRegistersTheFilterForEveryDispatchAndItEnforcesOnErrorPages(@TempDir Path dir) throws Exception {
        try (Site site = Site.start(dir, CONTEXT_PARAMETERS + APPLICATION)) {
            FilterMapping mapping = site.mapping("samtykke-fragment");
            assertThat(mapping.getPathSpecs()).containsExactly("/*");
            for (DispatcherType type : DispatcherType.values()) {
                assertThat(mapping.appliesTo(type)).as("%s", type).isTrue();
            }

            HttpResponse<String> page = site.get("/page", null);
            HttpResponse<String> error = site.get("/missing", null);
            assertThat(page.body()).isEqualTo("REQUEST analytics=false");
            assertThat(page.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("_ga="));
            assertThat(error.statusCode()).isEqualTo(404);
            assertThat(error.body()).isEqualTo("ERROR analytics=false");
            assertThat(error.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("_ga="));

            String accepted = site.consentCookie("consent");
            assertThat(site.get("/missing", accepted).headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("_ga="));
        }
    }

    /**
     * An application that declares ConsentFilter itself, configured by its init parameters and mapped to
     * requests only: the fragment's filter takes that filter's instance (so the configuration holds) and
     * enforces on the error dispatch that the application's mapping leaves out.
     */
    @Test
    void besideAFilterTheApplicationDeclaresTheFragmentsFilterSharesItsInstance(@TempDir Path dir) throws Exception {
        String own = """
                  <filter>
                    <filter-name>samtykke</filter-name>
                    <filter-class>dev.samtykke.servlet.ConsentFilter</filter-class>
                    <init-param><param-name>samtykke.cookie.name</param-name><param-value>cc</param-value></init-param>
                  </filter>
                  <filter-mapping><filter-name>samtykke</filter-name><url-pattern>/*</url-pattern></filter-mapping>
                """;
        try (Site site = Site.start(dir, CONTEXT_PARAMETERS + own + APPLICATION)) {
            Samtykke shared = (Samtykke) site.webapp.getServletContext().getAttribute(Samtykke.CONTEXT_ATTRIBUTE);
            assertThat(shared.config().cookieName()).isEqualTo("cc");

            HttpResponse<String> error = site.get("/missing", null);
            assertThat(error.body()).isEqualTo("ERROR analytics=false");
            assertThat(error.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("_ga="));
            assertThat(site.get("/missing", site.consentCookie("cc")).headers().allValues("Set-Cookie"))
                    .anyMatch(c -> c.startsWith("_ga="));
        }
    }

    /** An application with the library but no samtykke.* configuration (it may register the filter in code). */
    @Test
    void inAnApplicationThatConfiguresNothingTheFragmentsFilterIsIdle(@TempDir Path dir) throws Exception {
        try (Site site = Site.start(dir, APPLICATION)) {
            HttpResponse<String> page = site.get("/page", null);

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).isEqualTo("REQUEST unbound");
            assertThat(site.webapp.getServletContext().getAttribute(Samtykke.CONTEXT_ATTRIBUTE)).isNull();
        }
    }

    /** A web application in a directory: this web.xml, and the library's fragment in a jar in WEB-INF/lib. */
    private record Site(Server server, WebAppContext webapp, String origin) implements AutoCloseable {

        static Site start(Path dir, String body) throws Exception {
            Path webInf = Files.createDirectories(dir.resolve("WEB-INF"));
            Files.writeString(webInf.resolve("web.xml"), """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                    %s</web-app>
                    """.formatted(body));
            Path lib = Files.createDirectories(webInf.resolve("lib"));
            try (InputStream fragment = ConsentFilter.class.getResourceAsStream("/META-INF/web-fragment.xml");
                 OutputStream file = Files.newOutputStream(lib.resolve("consent-servlet.jar"));
                 JarOutputStream jar = new JarOutputStream(file)) {
                assertThat(fragment).as("consent-servlet's web-fragment.xml").isNotNull();
                jar.putNextEntry(new JarEntry("META-INF/web-fragment.xml"));
                fragment.transferTo(jar);
                jar.closeEntry();
            }
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            WebAppContext webapp = new WebAppContext();
            webapp.setContextPath("/");
            webapp.setBaseResourceAsPath(dir);
            webapp.setParentLoaderPriority(true); // the classes come from the test's class path
            webapp.setThrowUnavailableOnStartupException(true);
            server.setHandler(webapp);
            server.start();
            return new Site(server, webapp, "http://127.0.0.1:" + connector.getLocalPort());
        }

        FilterMapping mapping(String filterName) {
            List<FilterMapping> mappings = Arrays.stream(webapp.getServletHandler().getFilterMappings())
                    .filter(m -> m.getFilterName().equals(filterName)).toList();
            assertThat(mappings).as("mappings of %s", filterName).hasSize(1);
            return mappings.get(0);
        }

        /** {@code Cookie: name=…} of an accept-all decision signed with the test key. */
        String consentCookie(String name) {
            ConsentCookieCodec codec = new ConsentCookieCodec(TestSite.KEYS, TestSite.POLICY, java.time.Clock.systemUTC());
            return name + "=" + codec.encode(new ConsentEvaluator(TestSite.POLICY, java.time.Clock.systemUTC())
                    .acceptAll(ConsentEvaluator.newSubjectId()));
        }

        HttpResponse<String> get(String path, String cookie) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(origin + path)).GET();
            if (cookie != null) {
                request.header("Cookie", cookie);
            }
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        @Override
        public void close() throws Exception {
            server.stop();
        }
    }
}
