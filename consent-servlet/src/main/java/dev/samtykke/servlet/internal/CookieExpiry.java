package dev.samtykke.servlet.internal;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Expires first-party cookies in the browser, on each domain they may have been set on (host-only,
 * the configured cookie domain, the host's parent domains: {@link CookieHeaders#expiryDomains}): every
 * cookie on the most likely domain before any on the next, and no more than {@value #MAX_BYTES} bytes
 * of headers in all, so that a request carrying many cookies cannot push the answer past a server's
 * header limit (which would lose the rest of the answer, such as a new consent cookie). Used by
 * withdrawal and by the filter when a request carries cookies its consent does not allow.
 */
public final class CookieExpiry {

    /** The most bytes of expiring {@code Set-Cookie} headers one answer gets: half a common 8 KiB header limit. */
    public static final int MAX_BYTES = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(CookieExpiry.class);
    private static final int HEADER_OVERHEAD = "Set-Cookie: \r\n".length();

    private CookieExpiry() {
    }

    /**
     * Adds expiring {@code Set-Cookie} headers for the cookies, within the byte budget.
     *
     * @param response the response to add them to
     * @param names the cookie names, each once
     * @param host the request's host name
     * @param configuredDomain the consent cookie's configured domain, or {@code null}
     * @param secure whether to mark the headers {@code Secure}
     */
    public static void expire(HttpServletResponse response, List<String> names, String host, String configuredDomain,
                              boolean secure) {
        if (names.isEmpty()) {
            return;
        }
        int budget = MAX_BYTES;
        for (String domain : CookieHeaders.expiryDomains(host, configuredDomain)) {
            for (String name : names) {
                String header = CookieHeaders.setCookie(name, "", 0, domain, secure, false);
                budget -= header.length() + HEADER_OVERHEAD;
                if (budget < 0) {
                    LOG.debug("Expired cookies up to {} bytes of headers; the rest were left", MAX_BYTES);
                    return;
                }
                response.addHeader("Set-Cookie", header);
            }
        }
    }
}
