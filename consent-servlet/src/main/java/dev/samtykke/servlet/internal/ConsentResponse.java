package dev.samtykke.servlet.internal;

import dev.samtykke.core.consent.ConsentState;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * The response the application writes to: cookies whose purposes the visitor has not granted are
 * dropped, whether set with {@link #addCookie(Cookie)}, {@link #addHeader(String, String)} or
 * {@link #setHeader(String, String)}. Everything else passes straight through.
 */
public final class ConsentResponse extends HttpServletResponseWrapper {

    private static final String SET_COOKIE = "Set-Cookie";

    private final CookieGate gate;
    private final ConsentState state;

    /**
     * Wraps a response.
     *
     * @param response the container's response
     * @param gate the gate deciding on cookies
     * @param state the request's consent
     */
    public ConsentResponse(HttpServletResponse response, CookieGate gate, ConsentState state) {
        super(response);
        this.gate = gate;
        this.state = state;
    }

    @Override
    public void addCookie(Cookie cookie) {
        if (gate.permitsCookie(cookie.getName(), cookie.getMaxAge(), state)) {
            super.addCookie(cookie);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if (value != null && SET_COOKIE.equalsIgnoreCase(name) && !gate.permitsHeader(value, state)) {
            return;
        }
        super.addHeader(name, value);
    }

    @Override
    public void setHeader(String name, String value) {
        if (value != null && SET_COOKIE.equalsIgnoreCase(name) && !gate.permitsHeader(value, state)) {
            return;
        }
        super.setHeader(name, value);
    }
}
