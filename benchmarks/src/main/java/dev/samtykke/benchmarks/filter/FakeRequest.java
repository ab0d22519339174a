package dev.samtykke.benchmarks.filter;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletConnection;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.Part;

import java.io.BufferedReader;
import java.security.Principal;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A plain GET request for {@code ConsentFilterBenchmark}, as cheap as a request can be: fixed headers
 * looked up by a case-insensitive scan (a container does about that), attributes in a few slots,
 * the dispatch {@code REQUEST}, asynchronous requests supported, not secure. Whatever the filter's
 * path does not touch throws {@link UnsupportedOperationException}, so that a benchmark never measures
 * a stub by accident. Reused across calls: {@link #reset()} forgets the attributes.
 */
final class FakeRequest implements HttpServletRequest {

    private static final int ATTRIBUTES = 8;

    private final String[] headerNames;
    private final String[] headerValues;
    private final String servletPath;
    private final String pathInfo;
    private final String[] attributeNames = new String[ATTRIBUTES];
    private final Object[] attributeValues = new Object[ATTRIBUTES];
    /** Slots from here on are free. */
    private int used;

    /**
     * A request.
     *
     * @param servletPath e.g. {@code /f}
     * @param pathInfo e.g. {@code /page}
     * @param headers name, value, name, value, …
     */
    FakeRequest(String servletPath, String pathInfo, String... headers) {
        this.servletPath = servletPath;
        this.pathInfo = pathInfo;
        this.headerNames = new String[headers.length / 2];
        this.headerValues = new String[headers.length / 2];
        for (int i = 0; i < headerNames.length; i++) {
            headerNames[i] = headers[2 * i];
            headerValues[i] = headers[2 * i + 1];
        }
    }

    /** Forgets every attribute, as a new request would have none. */
    void reset() {
        for (int i = 0; i < used; i++) {
            attributeNames[i] = null;
            attributeValues[i] = null;
        }
        used = 0;
    }

    @Override
    public String getHeader(String name) {
        for (int i = 0; i < headerNames.length; i++) {
            if (headerNames[i].equalsIgnoreCase(name)) {
                return headerValues[i];
            }
        }
        return null;
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return new Enumeration<>() { // a container allocates one too
            private int next = find(0);

            private int find(int from) {
                for (int i = from; i < headerNames.length; i++) {
                    if (headerNames[i].equalsIgnoreCase(name)) {
                        return i;
                    }
                }
                return -1;
            }

            @Override
            public boolean hasMoreElements() {
                return next >= 0;
            }

            @Override
            public String nextElement() {
                if (next < 0) {
                    throw new NoSuchElementException();
                }
                String value = headerValues[next];
                next = find(next + 1);
                return value;
            }
        };
    }

    @Override
    public Object getAttribute(String name) {
        for (int i = 0; i < used; i++) {
            if (name.equals(attributeNames[i])) {
                return attributeValues[i];
            }
        }
        return null;
    }

    @Override
    public void setAttribute(String name, Object value) {
        int free = -1;
        for (int i = 0; i < used; i++) {
            if (name.equals(attributeNames[i])) {
                attributeValues[i] = value;
                return;
            }
            if (free < 0 && attributeNames[i] == null) {
                free = i;
            }
        }
        if (free < 0) {
            if (used == ATTRIBUTES) {
                throw new IllegalStateException("more than " + ATTRIBUTES + " attributes");
            }
            free = used++;
        }
        attributeNames[free] = name;
        attributeValues[free] = value;
    }

    @Override
    public void removeAttribute(String name) {
        for (int i = 0; i < used; i++) {
            if (name.equals(attributeNames[i])) {
                attributeNames[i] = null;
                attributeValues[i] = null;
            }
        }
    }

    @Override
    public DispatcherType getDispatcherType() {
        return DispatcherType.REQUEST;
    }

    @Override
    public boolean isAsyncSupported() {
        return true;
    }

    @Override
    public boolean isAsyncStarted() {
        return false;
    }

    @Override
    public boolean isSecure() {
        return false;
    }

    @Override
    public String getScheme() {
        return "http";
    }

    @Override
    public String getServerName() {
        return "127.0.0.1";
    }

    @Override
    public int getServerPort() {
        return 8080;
    }

    @Override
    public String getServletPath() {
        return servletPath;
    }

    @Override
    public String getPathInfo() {
        return pathInfo;
    }

    @Override
    public String getContextPath() {
        return "";
    }

    @Override
    public String getRequestURI() {
        return servletPath + pathInfo;
    }

    @Override
    public String getMethod() {
        return "GET";
    }

    @Override
    public String getProtocol() {
        return "HTTP/1.1";
    }

    @Override
    public String getQueryString() {
        return null;
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        return Collections.enumeration(java.util.Arrays.asList(headerNames));
    }

    // Not on the filter's path.

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("not part of the benchmark's request");
    }

    @Override public String getAuthType() { throw unsupported(); }
    @Override public Cookie[] getCookies() { throw unsupported(); }
    @Override public long getDateHeader(String name) { throw unsupported(); }
    @Override public int getIntHeader(String name) { throw unsupported(); }
    @Override public String getPathTranslated() { throw unsupported(); }
    @Override public String getRemoteUser() { throw unsupported(); }
    @Override public boolean isUserInRole(String role) { throw unsupported(); }
    @Override public Principal getUserPrincipal() { throw unsupported(); }
    @Override public String getRequestedSessionId() { throw unsupported(); }
    @Override public StringBuffer getRequestURL() { throw unsupported(); }
    @Override public HttpSession getSession(boolean create) { throw unsupported(); }
    @Override public HttpSession getSession() { throw unsupported(); }
    @Override public String changeSessionId() { throw unsupported(); }
    @Override public boolean isRequestedSessionIdValid() { throw unsupported(); }
    @Override public boolean isRequestedSessionIdFromCookie() { throw unsupported(); }
    @Override public boolean isRequestedSessionIdFromURL() { throw unsupported(); }
    @Override public boolean authenticate(HttpServletResponse response) { throw unsupported(); }
    @Override public void login(String username, String password) { throw unsupported(); }
    @Override public void logout() { throw unsupported(); }
    @Override public Collection<Part> getParts() { throw unsupported(); }
    @Override public Part getPart(String name) { throw unsupported(); }
    @Override public <T extends HttpUpgradeHandler> T upgrade(Class<T> handlerClass) { throw unsupported(); }
    @Override public Enumeration<String> getAttributeNames() { throw unsupported(); }
    @Override public String getCharacterEncoding() { throw unsupported(); }
    @Override public void setCharacterEncoding(String env) { throw unsupported(); }
    @Override public int getContentLength() { throw unsupported(); }
    @Override public long getContentLengthLong() { throw unsupported(); }
    @Override public String getContentType() { throw unsupported(); }
    @Override public ServletInputStream getInputStream() { throw unsupported(); }
    @Override public String getParameter(String name) { throw unsupported(); }
    @Override public Enumeration<String> getParameterNames() { throw unsupported(); }
    @Override public String[] getParameterValues(String name) { throw unsupported(); }
    @Override public Map<String, String[]> getParameterMap() { throw unsupported(); }
    @Override public BufferedReader getReader() { throw unsupported(); }
    @Override public String getRemoteAddr() { throw unsupported(); }
    @Override public String getRemoteHost() { throw unsupported(); }
    @Override public Locale getLocale() { throw unsupported(); }
    @Override public Enumeration<Locale> getLocales() { throw unsupported(); }
    @Override public RequestDispatcher getRequestDispatcher(String path) { throw unsupported(); }
    @Override public int getRemotePort() { throw unsupported(); }
    @Override public String getLocalName() { throw unsupported(); }
    @Override public String getLocalAddr() { throw unsupported(); }
    @Override public int getLocalPort() { throw unsupported(); }
    @Override public ServletContext getServletContext() { throw unsupported(); }
    @Override public AsyncContext startAsync() { throw unsupported(); }
    @Override public AsyncContext startAsync(ServletRequest request, ServletResponse response) { throw unsupported(); }
    @Override public AsyncContext getAsyncContext() { throw unsupported(); }
    @Override public String getRequestId() { throw unsupported(); }
    @Override public String getProtocolRequestId() { throw unsupported(); }
    @Override public ServletConnection getServletConnection() { throw unsupported(); }
}
