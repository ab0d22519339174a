package dev.samtykke.example.jetty;

import dev.samtykke.servlet.ConsentContext;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * The front page: includes the banner, carries an analytics script that stays inert until the visitor
 * allows analytics, and asks the request's consent on the server.
 */
final class HomeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient CollectServlet collect;

    HomeServlet(CollectServlet collect) {
        this.collect = collect;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/".equals(request.getServletPath()) || request.getPathInfo() != null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        boolean analytics = ConsentContext.allows("analytics");
        // Set unconditionally: ConsentFilter drops it unless analytics is granted.
        Cookie visitor = new Cookie("_ga", "GA1.1." + System.nanoTime());
        visitor.setPath("/");
        visitor.setMaxAge(60 * 60 * 24 * 365 * 2);
        response.addCookie(visitor);

        response.setContentType("text/html; charset=utf-8");
        PrintWriter out = response.getWriter();
        out.print("""
                <!doctype html>
                <html lang="nb">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>Jackon: isolasjon og byggesystemer</title>
                  <link rel="stylesheet" href="/consent/banner.css">
                  <script src="/consent/banner.js" defer></script>
                  <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}</style>
                </head>
                <body>
                  <header><h1>Jackon</h1><p>Isolasjon og byggesystemer, eksempelside for Samtykke.</p></header>
                  <main>
                """);
        out.printf("    <p id=\"analytics-status\">Analyse er %s for dette besøket (avgjort på serveren).</p>%n",
                analytics ? "på" : "av");
        out.printf("    <p>Besøk talt med samtykke: %d.</p>%n", collect.pageViews());
        out.print("""
                    <p><a href="#" data-samtykke-open>Personverninnstillinger</a> · <a href="/personvern">Personvernerklæring</a></p>
                  </main>
                  <!-- Inert until the banner sees analytics granted; then it runs. -->
                  <script type="text/plain" data-consent="analytics">
                    navigator.sendBeacon('/collect/pageview', location.pathname);
                    document.getElementById('analytics-status').textContent += ' Analyseskriptet kjører.';
                  </script>
                </body>
                </html>
                """);
    }
}
