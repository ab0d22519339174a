package dev.samtykke.servlet.internal;

/**
 * A refused request: the status, the error code of the JSON error body and a human-readable detail.
 * Thrown by request checks and caught by the endpoints, which answer with it.
 */
public final class HttpProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final long retryAfterSeconds;

    private HttpProblem(int status, String code, String detail) {
        this(status, code, detail, 0);
    }

    private HttpProblem(int status, String code, String detail, long retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * 400 Bad Request.
     *
     * @param detail what is wrong
     * @return the problem
     */
    public static HttpProblem badRequest(String detail) {
        return new HttpProblem(400, "bad_request", detail);
    }

    /**
     * 403 Forbidden.
     *
     * @param detail what is wrong
     * @return the problem
     */
    public static HttpProblem forbidden(String detail) {
        return new HttpProblem(403, "forbidden", detail);
    }

    /**
     * 404 Not Found.
     *
     * @param detail what is wrong
     * @return the problem
     */
    public static HttpProblem notFound(String detail) {
        return new HttpProblem(404, "not_found", detail);
    }

    /**
     * 405 Method Not Allowed.
     *
     * @param detail what is wrong
     * @return the problem
     */
    public static HttpProblem methodNotAllowed(String detail) {
        return new HttpProblem(405, "method_not_allowed", detail);
    }

    /**
     * 413 Content Too Large.
     *
     * @param detail what is wrong
     * @return the problem
     */
    public static HttpProblem payloadTooLarge(String detail) {
        return new HttpProblem(413, "payload_too_large", detail);
    }

    /**
     * 415 Unsupported Media Type.
     *
     * @param detail what is wrong
     * @return the problem
     */
    public static HttpProblem unsupportedMediaType(String detail) {
        return new HttpProblem(415, "unsupported_media_type", detail);
    }

    /**
     * 429 Too Many Requests, answered with {@code Retry-After}.
     *
     * @param detail what is wrong
     * @param retryAfterSeconds when to try again, at least 1
     * @return the problem
     */
    public static HttpProblem tooManyRequests(String detail, long retryAfterSeconds) {
        return new HttpProblem(429, "too_many_requests", detail, Math.max(1, retryAfterSeconds));
    }

    /**
     * 503 Service Unavailable.
     *
     * @param detail what is wrong
     * @return the problem
     */
    public static HttpProblem unavailable(String detail) {
        return new HttpProblem(503, "service_unavailable", detail);
    }

    /**
     * The HTTP status.
     *
     * @return e.g. 400
     */
    public int status() {
        return status;
    }

    /**
     * The seconds of the {@code Retry-After} header to answer with.
     *
     * @return the seconds, or {@code 0} for no header
     */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /**
     * The error code of the JSON body.
     *
     * @return e.g. {@code bad_request}
     */
    public String code() {
        return code;
    }

    /**
     * The human-readable detail.
     *
     * @return the detail
     */
    public String detail() {
        return getMessage();
    }

    /**
     * A text from a request made safe to quote in a detail: at most 60 characters, no control
     * characters, quotes or backslashes.
     *
     * @param text the text
     * @return the safe text
     */
    public static String abbreviate(String text) {
        String shortened = text.length() > 60 ? text.substring(0, 60) + "…" : text;
        return shortened.replaceAll("[\\p{Cntrl}\"\\\\]", "?");
    }
}
