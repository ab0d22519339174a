package dev.samtykke.benchmarks.console;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;

/**
 * A console request and its response without a server: a {@code GET} of a path with query parameters, and a response
 * that counts the bytes written and keeps the status. What the servlet container adds (parsing, the socket) is not
 * measured; what the console does (authorizer, routing, reading the counters, building the report, writing JSON) is.
 */
final class FakeExchange {

    private FakeExchange() {
    }

    static HttpServletRequest get(String servletPath, String pathInfo, Map<String, String> parameters) {
        return (HttpServletRequest) Proxy.newProxyInstance(FakeExchange.class.getClassLoader(),
                new Class<?>[]{HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getMethod" -> "GET";
                    case "getServletPath" -> servletPath;
                    case "getPathInfo" -> pathInfo;
                    case "getContextPath" -> "";
                    case "getRequestURI" -> servletPath + pathInfo;
                    case "getScheme" -> "https";
                    case "isSecure" -> true;
                    case "getParameter" -> parameters.get((String) args[0]);
                    case "getHeaders", "getHeaderNames", "getAttributeNames", "getParameterNames" -> Collections.emptyEnumeration();
                    case "getIntHeader", "getContentLength" -> -1;
                    case "getDateHeader", "getContentLengthLong" -> -1L;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "GET " + servletPath + pathInfo;
                    default -> defaultValue(method.getReturnType());
                });
    }

    /** A response whose body is counted, not kept. */
    static final class Response {
        int status = 200;
        long bytes;
        private final ServletOutputStream out = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener writeListener) {
            }

            @Override
            public void write(int b) {
                bytes++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes += len;
            }
        };

        final HttpServletResponse proxy = (HttpServletResponse) Proxy.newProxyInstance(FakeExchange.class.getClassLoader(),
                new Class<?>[]{HttpServletResponse.class}, (p, method, args) -> switch (method.getName()) {
                    case "setStatus", "sendError" -> {
                        status = (Integer) args[0];
                        yield null;
                    }
                    case "getStatus" -> status;
                    case "getOutputStream" -> out;
                    case "getWriter" -> new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                    case "getCharacterEncoding" -> "UTF-8";
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == args[0];
                    case "toString" -> "response";
                    default -> defaultValue(method.getReturnType());
                });
    }

    private static Object defaultValue(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return null;
    }
}
