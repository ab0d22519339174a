package dev.samtykke.servlet.internal;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * The request the application sees when it may go asynchronous: {@link #startAsync()} starts the
 * asynchronous cycle with this request and the gated response, so that the response the
 * {@link AsyncContext} hands out (and the one a later {@code AsyncContext.dispatch()} passes on) still
 * drops the cookies the visitor has not allowed. A container's own {@code startAsync()} hands out the
 * unwrapped response. Everything else passes straight through.
 */
public final class AsyncGatedRequest extends HttpServletRequestWrapper {

    private final ConsentResponse response;

    /**
     * Wraps a request.
     *
     * @param request the request as the filter received it
     * @param response the gated response the chain is given
     */
    public AsyncGatedRequest(HttpServletRequest request, ConsentResponse response) {
        super(request);
        this.response = response;
    }

    /** Starts the asynchronous cycle with this request and the gated response. */
    @Override
    public AsyncContext startAsync() {
        return super.startAsync(this, response);
    }
}
