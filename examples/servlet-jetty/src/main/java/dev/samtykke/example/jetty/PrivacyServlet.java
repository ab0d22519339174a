package dev.samtykke.example.jetty;

import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.CookieDeclaration;
import dev.samtykke.core.policy.Purpose;
import dev.samtykke.core.policy.Service;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/** A short privacy page from the policy: purposes, legal bases and cookies, in nb or en by path. */
final class PrivacyServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient ConsentPolicy policy;

    PrivacyServlet(ConsentPolicy policy) {
        this.policy = policy;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Locale locale = request.getServletPath().startsWith("/en/") ? Locale.ENGLISH : policy.defaultLocale();
        response.setContentType("text/html; charset=utf-8");
        PrintWriter out = response.getWriter();
        out.printf("<!doctype html><html lang=\"%s\"><head><meta charset=\"utf-8\"><title>%s</title>"
                        + "<link rel=\"stylesheet\" href=\"/consent/banner.css\"><script src=\"/consent/banner.js\" defer></script>"
                        + "</head><body><h1>%s</h1><p>%s</p><ul>%n",
                locale.toLanguageTag(), html(policy.title().get(locale)), html(policy.title().get(locale)),
                html(policy.controller().name()));
        for (Purpose purpose : policy.purposes()) {
            out.printf("<li><strong>%s</strong> (%s): %s<ul>%n", html(purpose.title().get(locale)),
                    purpose.legalBasis().id(), html(purpose.description().get(locale)));
            for (Service service : policy.servicesFor(purpose.id())) {
                for (CookieDeclaration cookie : service.cookies()) {
                    out.printf("<li><code>%s</code>, %s, %s</li>%n", html(cookie.name()), html(service.name()),
                            cookie.duration().iso());
                }
            }
            out.println("</ul></li>");
        }
        out.println("</ul><p><a href=\"#\" data-samtykke-open>Personverninnstillinger / Privacy settings</a></p></body></html>");
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
