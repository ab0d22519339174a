package dev.samtykke.spring.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The console's own security filter chain, for {@code {base}/admin/**} only: every request needs the authority
 * (HTTP Basic, or the session of the application's login), every state change a CSRF token (from
 * {@code GET {base}/admin/api/csrf}), and a refusal is a JSON 401 or 403, never a page or a redirect.
 */
public final class ConsoleSecurity {

    private ConsoleSecurity() {
    }

    /**
     * Builds the chain.
     *
     * @param http      Spring Security's builder
     * @param basePath  the endpoints' base path, e.g. {@code /consent}
     * @param authority the authority a user needs
     * @return the chain
     * @throws Exception as {@link HttpSecurity#build()}
     */
    public static SecurityFilterChain chain(HttpSecurity http, String basePath, String authority) throws Exception {
        String admin = basePath + "/admin";
        CsrfTokenRequestAttributeHandler tokens = new CsrfTokenRequestAttributeHandler();
        tokens.setCsrfRequestAttributeName(null); // loaded on every request: the csrf endpoint below can hand it out
        http.securityMatcher(admin, admin + "/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().hasAuthority(authority))
                .httpBasic(basic -> basic.realmName("Samtykke privacy console")
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader("WWW-Authenticate", "Basic realm=\"Samtykke privacy console\"");
                            refuse(response, 401, "unauthorized", "Sign in to use the privacy console");
                        }))
                .csrf(csrf -> csrf.csrfTokenRequestHandler(tokens))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader("WWW-Authenticate", "Basic realm=\"Samtykke privacy console\"");
                            refuse(response, 401, "unauthorized", "Sign in to use the privacy console");
                        })
                        .accessDeniedHandler((request, response, e) -> refuse(response, 403, "forbidden",
                                "You may not do this in the privacy console (without the authority, or without a valid"
                                        + " CSRF token from GET " + admin + "/api/csrf)")))
                .addFilterAfter(new ConsoleCsrfTokenFilter(admin + "/api/csrf"), AuthorizationFilter.class);
        return http.build();
    }

    /**
     * Spring Security's CSRF token of a request as the hidden field of the console's forms
     * ({@code PrivacyConsole.Builder#formField}), so that its forms pass the chain's CSRF check.
     *
     * @param request the request
     * @return the field ({@code _csrf} and the token), or {@code null} without a token
     */
    public static Map.Entry<String, String> csrfFormField(HttpServletRequest request) {
        Object attribute = request.getAttribute(CsrfToken.class.getName());
        return attribute instanceof CsrfToken token ? Map.entry(token.getParameterName(), token.getToken()) : null;
    }

    private static void refuse(HttpServletResponse response, int status, String code, String detail) throws IOException {
        // code and detail are constants of this class: nothing to escape
        byte[] body = ("{\"error\":\"" + code + "\",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
