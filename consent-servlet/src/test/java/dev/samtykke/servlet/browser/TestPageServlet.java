package dev.samtykke.servlet.browser;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The site under test: {@code /page} (with {@code ?lang=xx} for {@code <html lang="xx">}, without it no
 * lang attribute) carries gated analytics and marketing scripts and a gated iframe; {@code /analytics.js}
 * and {@code /frame.html} are what those load; {@code /personvern} stands for the privacy notice.
 * {@code /strict/<name>} serves {@code browser/<name>.html} under a strict Content Security Policy
 * ({@code script-src 'self' 'nonce-…'; style-src 'self'; object-src 'none'}) with a fresh nonce in
 * place of each {@code {{nonce}}} ({@code ?observe} adds {@code data-observe} to the banner's script tag).
 */
final class TestPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Map<String, String> FILES = Map.of(
            "/page", "text/html;charset=utf-8",
            "/analytics.js", "text/javascript;charset=utf-8",
            "/frame.html", "text/html;charset=utf-8");

    /** The Content-Security-Policy of the {@code /strict/} pages, {@code %s} standing for the nonce. */
    static final String STRICT_CSP = "script-src 'self' 'nonce-%s'; style-src 'self'; object-src 'none'";

    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        if (path.matches("/strict/[a-z-]{1,20}")) {
            byte[] bytes = new byte[16];
            RANDOM.nextBytes(bytes);
            String nonce = Base64.getEncoder().encodeToString(bytes);
            String lang = request.getParameter("lang");
            String body = read("browser/" + path.substring("/strict/".length()) + ".html")
                    .replace("{{nonce}}", nonce)
                    .replace("{{lang}}", lang != null && lang.matches("[a-zA-Z-]{2,12}") ? lang : "en")
                    .replace("{{observe}}", request.getParameter("observe") != null ? " data-observe" : "");
            response.setHeader("Content-Security-Policy", STRICT_CSP.formatted(nonce));
            write(response, "text/html;charset=utf-8", body);
            return;
        }
        if (path.equals("/personvern") || path.equals("/en/privacy")) {
            write(response, "text/html;charset=utf-8",
                    "<!doctype html><html lang=\"en\"><title>Privacy notice</title><h1>Privacy notice</h1></html>");
            return;
        }
        String type = FILES.get(path);
        if (type == null) {
            response.sendError(404);
            return;
        }
        String file = path.equals("/page") ? "page.html" : path.substring(1);
        String body = read("browser/" + file);
        if (path.equals("/page")) {
            String lang = request.getParameter("lang");
            boolean valid = lang != null && lang.matches("[a-zA-Z-]{2,12}");
            body = body.replace("{{lang}}", valid ? " lang=\"" + lang + "\"" : "");
        }
        write(response, type, body);
    }

    private static void write(HttpServletResponse response, String type, String body) throws IOException {
        response.setContentType(type);
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    static String read(String resource) throws IOException {
        try (InputStream in = TestPageServlet.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
