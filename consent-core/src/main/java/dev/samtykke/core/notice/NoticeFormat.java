package dev.samtykke.core.notice;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The formats a notice renders to. */
public enum NoticeFormat {
    /** An HTML fragment: one {@code <section class="samtykke-notice">} to embed in a page. */
    HTML("html"),
    /** CommonMark with GitHub-style tables, for documentation sites and repositories. */
    MARKDOWN("md");

    private final String id;

    NoticeFormat(String id) {
        this.id = id;
    }

    /**
     * The short name, as the command-line tool takes it.
     *
     * @return {@code html} or {@code md}
     */
    public String id() {
        return id;
    }

    /**
     * The format with a short name ({@code html}, {@code md}; {@code markdown} is accepted too), ignoring case.
     *
     * @param id the name
     * @return the format, or empty if the name is unknown
     */
    public static Optional<NoticeFormat> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String lower = id.toLowerCase(Locale.ROOT);
        if ("markdown".equals(lower)) {
            return Optional.of(MARKDOWN);
        }
        return Arrays.stream(values()).filter(f -> f.id.equals(lower)).findFirst();
    }
}
