package dev.samtykke.servlet.browser;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The site under test: {@code /page} (with {@code ?lang=xx} for {@code <html lang="xx">}, without it no
 * lang attribute) carries gated analytics and marketing scripts and a gated iframe; {@code /analytics.js}
 * and {@code /frame.html} are what those load; {@code /personvern} stands for the privacy notice.
 */
final class TestPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Map<String, String> FILES = Map.of(
            "/page", "text/html;charset=utf-8",
            "/analytics.js", "text/javascript;charset=utf-8",
            "/frame.html", "text/html;charset=utf-8");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
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
