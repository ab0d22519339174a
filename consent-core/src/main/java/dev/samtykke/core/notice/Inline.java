package dev.samtykke.core.notice;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A run of inline content: plain text, strong text and links. Every text in it is unescaped; the
 * writers escape it for their format. A link is made only for an {@code http(s)} address or a
 * plain e-mail address, so a {@code javascript:} address in a policy file stays inert text.
 */
record Inline(List<Span> spans) {

    /** One piece of inline content; {@code href} is {@code null} for text. */
    record Span(String text, String href, boolean strong) {
    }

    private static final Pattern URL = Pattern.compile("(?i)https?://[^\\s<>\"'\\\\`]+");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

    Inline {
        spans = List.copyOf(spans);
    }

    static Inline text(String text) {
        return new Inline(List.of(new Span(text, null, false)));
    }

    static Inline strong(String text) {
        return new Inline(List.of(new Span(text, null, true)));
    }

    /** A link to a web address, or plain text if it is not an {@code http(s)} address. */
    static Inline url(String label, String url) {
        return new Inline(List.of(new Span(label, URL.matcher(url).matches() ? url : null, false)));
    }

    /** A {@code mailto:} link, or plain text if it is not a plain e-mail address. */
    static Inline email(String address) {
        return new Inline(List.of(new Span(address, EMAIL.matcher(address).matches() ? "mailto:" + address : null, false)));
    }

    Inline then(Inline more) {
        List<Span> all = new ArrayList<>(spans);
        all.addAll(more.spans);
        return new Inline(all);
    }

    Inline then(String text) {
        return then(text(text));
    }

    boolean isBlank() {
        return spans.stream().allMatch(s -> s.text().isBlank());
    }
}
