package dev.samtykke.servlet.console.internal;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The console's own CSRF protection for its forms, a signed double-submit token: a random value in an
 * {@code HttpOnly}, {@code SameSite=Strict} cookie limited to the console's path, and in each form an HMAC (under a
 * random key of this console instance) over that value and the console user. A form post is accepted only with both,
 * matching (compared in constant time): another site can neither read the token nor, without the key, make one for a
 * cookie it managed to plant. A restart changes the key; the next page view hands out a fresh token.
 */
public final class FormCsrf {

    /** The form field that carries the token. */
    public static final String FIELD = "csrf";
    /** The cookie that carries the random value. */
    public static final String COOKIE = "samtykke-console-csrf";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAX_COOKIE = 64;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /** Protection with a fresh random key. */
    public FormCsrf() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        this.key = new SecretKeySpec(bytes, ALGORITHM);
    }

    /**
     * The token for a page's forms: from the request's cookie, or from a new one set on the response.
     *
     * @param request   the request
     * @param response  the response, not yet committed
     * @param principal the console user
     * @param path      the cookie's path (the console's)
     * @return the token for the forms' hidden field
     */
    public String token(HttpServletRequest request, HttpServletResponse response, String principal, String path) {
        String value = cookie(request);
        if (value == null) {
            byte[] bytes = new byte[24];
            random.nextBytes(bytes);
            value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            response.addHeader("Set-Cookie", COOKIE + "=" + value + "; Path=" + path + "; HttpOnly; SameSite=Strict"
                    + (request.isSecure() ? "; Secure" : ""));
        }
        return sign(value, principal);
    }

    /**
     * Whether a form's token matches the request's cookie and user.
     *
     * @param request   the request
     * @param token     the form's token, or {@code null}
     * @param principal the console user
     * @return whether it does
     */
    public boolean accepts(HttpServletRequest request, String token, String principal) {
        String value = cookie(request);
        if (value == null || token == null || token.length() > 100) {
            return false;
        }
        return MessageDigest.isEqual(sign(value, principal).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }

    private static String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            String v = c.getValue();
            if (COOKIE.equals(c.getName()) && v != null && v.length() >= 16 && v.length() <= MAX_COOKIE
                    && v.chars().allMatch(ch -> (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_')) {
                return v;
            }
        }
        return null;
    }

    private String sign(String value, String principal) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] sig = mac.doFinal(("samtykke-console-form|" + value + "|" + principal).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
