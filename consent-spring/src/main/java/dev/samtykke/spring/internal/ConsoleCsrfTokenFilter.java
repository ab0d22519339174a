package dev.samtykke.spring.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Answers {@code GET {base}/admin/api/csrf} inside the console's security chain (after authorization): the CSRF
 * token a console client sends with each state change, {@code {"headerName","parameterName","token"}}.
 */
public final class ConsoleCsrfTokenFilter extends OncePerRequestFilter {

    private final String path;

    /**
     * A filter answering at a path.
     *
     * @param path the request path below the context path, e.g. {@code /consent/admin/api/csrf}
     */
    public ConsoleCsrfTokenFilter(String path) {
        this.path = path;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requested = request.getRequestURI().substring(request.getContextPath().length());
        Object attribute = request.getAttribute(CsrfToken.class.getName());
        if (!path.equals(requested) || !"GET".equals(request.getMethod()) || !(attribute instanceof CsrfToken token)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = ("{\"headerName\":\"" + token.getHeaderName() + "\",\"parameterName\":\"" + token.getParameterName()
                + "\",\"token\":\"" + token.getToken() + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
