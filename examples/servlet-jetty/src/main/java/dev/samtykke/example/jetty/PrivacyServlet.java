package dev.samtykke.example.jetty;

import dev.samtykke.core.notice.NoticeRenderer;
import dev.samtykke.core.policy.ConsentPolicy;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The privacy notice's purpose and cookie tables, rendered from the policy once per locale:
 * {@code /personvern} in Norwegian, {@code /en/privacy} in English.
 */
final class PrivacyServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Map<Locale, String> pages = new HashMap<>();

    PrivacyServlet(ConsentPolicy policy) {
        for (Locale locale : policy.locales()) {
            pages.put(locale, """
                    <!doctype html>
                    <html lang="%s">
                    <head>
                      <meta charset="utf-8">
                      <meta name="viewport" content="width=device-width, initial-scale=1">
                      <title>Jackon</title>
                      <link rel="stylesheet" href="/consent/banner.css">
                      <script src="/consent/banner.js" defer></script>
                      <style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}
                      table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}</style>
                    </head>
                    <body>
                    <p><a href="/">Jackon</a> · <a href="#" data-samtykke-open>%s</a></p>
                    %s</body>
                    </html>
                    """.formatted(locale.toLanguageTag(), locale.getLanguage().equals("en") ? "Privacy settings"
                    : "Personverninnstillinger", NoticeRenderer.html(policy, locale)));
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Locale locale = request.getServletPath().startsWith("/en/") ? Locale.ENGLISH : Locale.forLanguageTag("nb");
        response.setContentType("text/html; charset=utf-8");
        response.getWriter().print(pages.getOrDefault(locale, pages.values().iterator().next()));
    }
}
