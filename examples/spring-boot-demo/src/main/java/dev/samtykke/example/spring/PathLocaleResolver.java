package dev.samtykke.example.spring;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

import java.util.Locale;

/** The page's language comes from its path ({@code /en/...} is English, the rest Norwegian). */
@Component("localeResolver")
public class PathLocaleResolver implements LocaleResolver {

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        return Lang.ofPath(request.getRequestURI().substring(request.getContextPath().length())).locale();
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        throw new UnsupportedOperationException("The language is chosen by the path: /en for English");
    }
}
