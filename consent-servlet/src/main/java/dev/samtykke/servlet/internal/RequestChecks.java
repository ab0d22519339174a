package dev.samtykke.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * The checks a state-changing request passes before it is read: same origin, content type, size.
 */
public final class RequestChecks {

    /** Set on a request whose body {@link #readBody} read to its end. */
    private static final String BODY_READ = RequestChecks.class.getName() + ".bodyRead";
    /** The most of an oversized body read and dropped before refusing it (see {@code drain}). */
    static final int MAX_DRAIN_BYTES = 64 * 1024;

    private RequestChecks() {
    }

    /**
     * Whether an answer should end an HTTP/1.x connection because the request came with a body that was
     * not read to its end (it was refused, or gated, before reading). Saying {@code Connection: close}
     * spares the server draining the body, and tells a pooled client openly not to send its next request
     * on a connection the server may drop. HTTP/2 has no such header (and no such problem).
     *
     * @param request the request
     * @return {@code true} if an HTTP/1.x request's body is left unread
     */
    public static boolean hasUnreadBody(HttpServletRequest request) {
        String protocol = request.getProtocol();
        boolean http1 = protocol != null && protocol.startsWith("HTTP/1.");
        boolean body = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        return http1 && body && request.getAttribute(BODY_READ) == null;
    }

    /**
     * Adds {@code Connection: close} to an answer given without reading the request's body (see
     * {@link #hasUnreadBody}).
     *
     * @param request the request
     * @param response its answer, not yet committed
     */
    public static void closeIfBodyUnread(HttpServletRequest request, HttpServletResponse response) {
        if (hasUnreadBody(request)) {
            response.setHeader("Connection", "close");
        }
    }

    /**
     * Refuses a cross-site request. A browser marks a request {@code Sec-Fetch-Site: cross-site} or
     * {@code same-site} when another site (or a sibling subdomain) sent it, and sends an {@code Origin}
     * on every state-changing request; either is enough to refuse. Requests without both (no browser
     * sent them) pass: a site cannot make a browser omit them.
     *
     * @param request the request
     * @param trustedOrigins further origins treated as the request's own (normalised, lower case)
     * @throws HttpProblem 403 if the request comes from another site
     */
    public static void requireSameOrigin(HttpServletRequest request, Set<String> trustedOrigins) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null) {
            String site = fetchSite.trim().toLowerCase(Locale.ROOT);
            if (!site.equals("same-origin") && !site.equals("none")) {
                throw HttpProblem.forbidden("Consent can only be changed from this site (Sec-Fetch-Site: "
                        + (site.length() > 20 ? "other" : site) + ")");
            }
        }
        String origin = request.getHeader("Origin");
        if (origin != null) {
            String normalised = normaliseOrigin(origin);
            if (normalised == null
                    || !(normalised.equals(ownOrigin(request)) || trustedOrigins.contains(normalised))) {
                throw HttpProblem.forbidden("Consent can only be changed from this site: the Origin does not match");
            }
        }
    }

    /**
     * The request's own origin, {@code scheme://host[:port]}, the port omitted when it is the scheme's default.
     *
     * @param request the request
     * @return the origin in lower case
     */
    static String ownOrigin(HttpServletRequest request) {
        String scheme = request.getScheme().toLowerCase(Locale.ROOT);
        String host = request.getServerName().toLowerCase(Locale.ROOT);
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        int port = request.getServerPort();
        boolean defaultPort = port <= 0 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }

    /**
     * An {@code Origin} header in the form {@link #ownOrigin} produces.
     *
     * @param origin the header value
     * @return the normalised origin, or {@code null} if it is {@code null}, opaque or malformed
     */
    static String normaliseOrigin(String origin) {
        String value = origin.trim();
        if (value.isEmpty() || value.equals("null") || value.length() > 300) {
            return null;
        }
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null
                    || (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return null;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port < 0 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /**
     * Requires a JSON body: {@code Content-Type: application/json}, with no charset or UTF-8.
     *
     * @param request the request
     * @throws HttpProblem 415 otherwise
     */
    public static void requireJson(HttpServletRequest request) {
        String contentType = request.getContentType();
        if (contentType == null) {
            throw HttpProblem.unsupportedMediaType("Send the body as Content-Type: application/json");
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("application/json")) {
            throw HttpProblem.unsupportedMediaType("Send the body as Content-Type: application/json");
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            int eq = parameter.indexOf('=');
            if (eq > 0 && parameter.substring(0, eq).trim().equalsIgnoreCase("charset")) {
                String charset = parameter.substring(eq + 1).trim().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
                    throw HttpProblem.unsupportedMediaType("Send the body as UTF-8");
                }
            }
        }
    }

    /**
     * Reads the body, refusing it by its {@code Content-Length} before reading when that is over the
     * limit, and otherwise reading no more than one byte past the limit.
     *
     * @param request the request
     * @param maxBytes the limit
     * @return the body
     * @throws HttpProblem 413 over the limit, 400 if the body cannot be read
     */
    public static byte[] readBody(HttpServletRequest request, int maxBytes) {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try (InputStream in = request.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 256);
            byte[] buffer = new byte[Math.min(maxBytes + 1, 4096)];
            int total = 0;
            int read;
            while ((read = in.read(buffer, 0, Math.min(buffer.length, maxBytes + 1 - total))) > 0) {
                total += read;
                out.write(buffer, 0, read);
                if (total > maxBytes) {
                    drain(request, in, buffer);
                    throw tooLarge(maxBytes);
                }
            }
            request.setAttribute(BODY_READ, Boolean.TRUE);
            return out.toByteArray();
        } catch (IOException e) {
            throw HttpProblem.badRequest("The request body could not be read");
        }
    }

    /**
     * Reads and drops what is left of an oversized body, up to {@value #MAX_DRAIN_BYTES} bytes, so that a client
     * still sending it reads the refusal instead of a connection reset (closing a socket with unread input
     * resets it, and the answer in flight is lost). A body that ends within the budget counts as read, and the
     * connection stays open; a longer one is left, and the answer says {@code Connection: close}.
     */
    private static void drain(HttpServletRequest request, InputStream in, byte[] buffer) throws IOException {
        long drained = 0;
        int read;
        while (drained < MAX_DRAIN_BYTES && (read = in.read(buffer, 0, buffer.length)) > 0) {
            drained += read;
        }
        if (drained < MAX_DRAIN_BYTES) {
            request.setAttribute(BODY_READ, Boolean.TRUE);
        }
    }

    private static HttpProblem tooLarge(int maxBytes) {
        return HttpProblem.payloadTooLarge("The body is larger than " + maxBytes + " bytes");
    }
}
