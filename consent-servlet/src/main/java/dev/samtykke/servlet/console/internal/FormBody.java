package dev.samtykke.servlet.console.internal;

import dev.samtykke.servlet.internal.HttpProblem;
import jakarta.servlet.http.HttpServletRequest;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A console form's fields ({@code application/x-www-form-urlencoded}). The container parses it (a framework's CSRF
 * filter may have read it already), after these checks: the form's declared length is at most {@value #MAX_BYTES}
 * bytes (413; a body of unknown length is refused too), no query string mixes in (400), no field is repeated (400).
 */
final class FormBody {

    /** The largest form body accepted. */
    static final int MAX_BYTES = 4096;

    private final Map<String, String> fields;

    private FormBody(Map<String, String> fields) {
        this.fields = fields;
    }

    /**
     * Reads the request's form.
     *
     * @throws HttpProblem 415 for another content type, 413 over the limit, 400 for a query or a repeated field
     */
    static FormBody read(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null || !type.split(";")[0].strip().toLowerCase(Locale.ROOT).equals("application/x-www-form-urlencoded")) {
            throw HttpProblem.unsupportedMediaType("Send the form as application/x-www-form-urlencoded");
        }
        long length = request.getContentLengthLong();
        if (length < 0 || length > MAX_BYTES) {
            throw HttpProblem.payloadTooLarge("The form must declare its length, at most " + MAX_BYTES + " bytes");
        }
        if (request.getQueryString() != null) {
            throw HttpProblem.badRequest("A console form is posted without a query string");
        }
        Map<String, String> fields = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (values.length != 1) {
                throw HttpProblem.badRequest("The form repeats a field");
            }
            fields.put(name, values[0]);
        });
        return new FormBody(fields);
    }

    /** The field's value, or {@code null}. */
    String get(String name) {
        return fields.get(name);
    }
}
