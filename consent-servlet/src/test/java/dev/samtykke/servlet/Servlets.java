package dev.samtykke.servlet;

import dev.samtykke.core.consent.ConsentState;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import jakarta.servlet.AsyncContext;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** Small application servlets for the tests. */
final class Servlets {

    private Servlets() {
    }

    /** Sets one cookie with {@code addCookie}. */
    static final class SetCookie extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final String name;
        private final String value;
        private final boolean httpOnly;

        SetCookie(String name, String value, boolean httpOnly) {
            this.name = name;
            this.value = value;
            this.httpOnly = httpOnly;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Cookie cookie = new Cookie(name, value);
            cookie.setPath("/");
            cookie.setMaxAge(3600);
            cookie.setHttpOnly(httpOnly);
            response.addCookie(cookie);
            response.getWriter().print("set");
        }
    }

    /**
     * Sets the cookies its parameters name: {@code addCookie=_ga}, {@code addHeader=_fbp},
     * {@code setHeader=_ga_X}; answers what the request's consent allows, as the context and the
     * request attribute see it.
     */
    static final class Page extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String v;
            if ((v = request.getParameter("addCookie")) != null) {
                Cookie cookie = new Cookie(v, "1");
                cookie.setPath("/");
                response.addCookie(cookie);
            }
            if ((v = request.getParameter("addHeader")) != null) {
                response.addHeader("Set-Cookie", v + "=1; Path=/; Max-Age=3600");
            }
            if ((v = request.getParameter("setHeader")) != null) {
                response.setHeader("set-cookie", v + "=1; Path=/");
            }
            response.addHeader("Set-Cookie", "JSESSIONID=node0; Path=/; HttpOnly");
            ConsentState attribute = (ConsentState) request.getAttribute(Samtykke.STATE_ATTRIBUTE);
            response.setContentType("text/plain");
            response.getWriter().print("analytics=" + ConsentContext.allows("analytics")
                    + " marketing=" + ConsentContext.allows("marketing")
                    + " same=" + (attribute == ConsentContext.current()));
        }
    }

    /** Counts its calls and answers 200 "tracked". */
    static final class Counter extends HttpServlet {
        private static final long serialVersionUID = 1L;
        final AtomicInteger calls = new AtomicInteger();

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            calls.incrementAndGet();
            response.getWriter().print("tracked");
        }
    }

    /** Forwards to {@code /page}. */
    static final class Forward extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
            request.getRequestDispatcher("/page").forward(request, response);
        }
    }

    /** Sets {@code _ga} and answers what the context bound on its thread allows (an error page, a dispatch target). */
    static final class SetsGa extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Cookie cookie = new Cookie("_ga", "GA1.1.1");
            cookie.setPath("/");
            cookie.setMaxAge(3600);
            response.addCookie(cookie);
            response.setContentType("text/plain");
            response.getWriter().print(request.getDispatcherType() + " analytics=" + ConsentContext.allows("analytics"));
        }
    }

    /** Answers {@code 404} with {@code sendError}. */
    static final class Missing extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    /** Throws an exception the site maps to an error page. */
    static final class Throws extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            throw new UnsupportedOperationException("mapped to the error page");
        }
    }

    /** {@code startAsync()} without arguments, then sets {@code _ga} and answers from another thread. */
    static final class AsyncWrites extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            AsyncContext async = request.startAsync();
            new Thread(() -> {
                try {
                    HttpServletResponse r = (HttpServletResponse) async.getResponse();
                    Cookie cookie = new Cookie("_ga", "GA1.1.1");
                    cookie.setPath("/");
                    r.addCookie(cookie);
                    r.addHeader("Set-Cookie", "_fbp=fb.1.2; Path=/");
                    r.getWriter().print("async");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } finally {
                    async.complete();
                }
            }).start();
        }
    }

    /** {@code startAsync()} without arguments, then {@code AsyncContext.dispatch} to a path from another thread. */
    static final class AsyncDispatches extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final String target;

        AsyncDispatches(String target) {
            this.target = target;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            AsyncContext async = request.startAsync();
            new Thread(() -> async.dispatch(target)).start();
        }
    }
}
