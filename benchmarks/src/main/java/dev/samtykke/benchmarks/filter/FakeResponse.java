package dev.samtykke.benchmarks.filter;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The response of {@code ConsentFilterBenchmark}: keeps the status, content type and length, and
 * counts the bytes written and the headers added (a filter that adds a header on the benchmark's
 * request would show in {@link #headersAdded}). Whatever the page does not touch throws
 * {@link UnsupportedOperationException}. Reused across calls: {@link #clear()}.
 */
final class FakeResponse implements HttpServletResponse {

    private int status = SC_OK;
    private String contentType;
    private long contentLength = -1;
    long bytesWritten;
    int headersAdded;
    private final List<String> setCookies = new ArrayList<>();

    private final ServletOutputStream out = new ServletOutputStream() {
        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener writeListener) {
            throw unsupported();
        }

        @Override
        public void write(int b) {
            bytesWritten++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytesWritten += len;
        }
    };

    /** Forgets the last call's status and content headers. */
    void clear() {
        status = SC_OK;
        contentType = null;
        contentLength = -1;
    }

    List<String> setCookies() {
        return setCookies;
    }

    @Override
    public void setStatus(int sc) {
        status = sc;
    }

    @Override
    public int getStatus() {
        return status;
    }

    @Override
    public void setContentType(String type) {
        contentType = type;
    }

    @Override
    public String getContentType() {
        return contentType;
    }

    @Override
    public void setContentLength(int len) {
        contentLength = len;
    }

    @Override
    public void setContentLengthLong(long len) {
        contentLength = len;
    }

    @Override
    public ServletOutputStream getOutputStream() {
        return out;
    }

    @Override
    public boolean isCommitted() {
        return false;
    }

    @Override
    public void addHeader(String name, String value) {
        headersAdded++;
        if ("Set-Cookie".equalsIgnoreCase(name)) {
            setCookies.add(value);
        }
    }

    @Override
    public void setHeader(String name, String value) {
        addHeader(name, value);
    }

    @Override
    public void addCookie(Cookie cookie) {
        headersAdded++;
        setCookies.add(cookie.getName());
    }

    // Not on the page's path.

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("not part of the benchmark's response");
    }

    @Override public boolean containsHeader(String name) { throw unsupported(); }
    @Override public String encodeURL(String url) { throw unsupported(); }
    @Override public String encodeRedirectURL(String url) { throw unsupported(); }
    @Override public void sendError(int sc, String msg) { throw unsupported(); }
    @Override public void sendError(int sc) { throw unsupported(); }
    @Override public void sendRedirect(String location) { throw unsupported(); }
    @Override public void setDateHeader(String name, long date) { throw unsupported(); }
    @Override public void addDateHeader(String name, long date) { throw unsupported(); }
    @Override public void setIntHeader(String name, int value) { throw unsupported(); }
    @Override public void addIntHeader(String name, int value) { throw unsupported(); }
    @Override public String getHeader(String name) { throw unsupported(); }
    @Override public Collection<String> getHeaders(String name) { throw unsupported(); }
    @Override public Collection<String> getHeaderNames() { throw unsupported(); }
    @Override public String getCharacterEncoding() { throw unsupported(); }
    @Override public PrintWriter getWriter() { throw unsupported(); }
    @Override public void setCharacterEncoding(String charset) { throw unsupported(); }
    @Override public void setBufferSize(int size) { throw unsupported(); }
    @Override public int getBufferSize() { throw unsupported(); }
    @Override public void flushBuffer() { throw unsupported(); }
    @Override public void resetBuffer() { throw unsupported(); }
    @Override public void reset() { throw unsupported(); }
    @Override public void setLocale(Locale loc) { throw unsupported(); }
    @Override public Locale getLocale() { throw unsupported(); }
}
