package dev.samtykke.core.notice;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a notice as CommonMark (with GitHub-style tables). Every text is escaped: markup, HTML and
 * link syntax in a value shows as typed, never as formatting.
 */
final class MarkdownNoticeWriter implements NoticeWriter {

    /**
     * ASCII punctuation that can start or end inline syntax: emphasis, code, links (a link needs
     * {@code [}), HTML and autolinks, entities, table cells, strikethrough.
     */
    private static final String SPECIAL = "\\`*_[]<>#|~&";
    /** What makes a line start a block: a list item, a numbered item or a setext underline. */
    private static final Pattern BLOCK_START = Pattern.compile("^([-+=])|^(\\d{1,9})([.)])");

    private final StringBuilder out = new StringBuilder(16 * 1024);

    /** Escapes text for use inline: one line, every special character backslash-escaped. */
    static String escape(String text) {
        String line = text.strip().replaceAll("\\s*\\R\\s*", " ");
        StringBuilder sb = new StringBuilder(line.length() + 8);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (SPECIAL.indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** Escapes escaped text further where it starts a block (a paragraph line, a list item): no list, no setext line. */
    private static String blockStart(String escaped) {
        Matcher m = BLOCK_START.matcher(escaped);
        if (!m.find()) {
            return escaped;
        }
        return m.group(1) != null ? "\\" + escaped : m.group(2) + "\\" + escaped.substring(m.group(2).length());
    }

    private String inline(Inline inline) {
        StringBuilder sb = new StringBuilder();
        for (Inline.Span span : inline.spans()) {
            String text = escape(span.text());
            if (span.strong() && !text.isEmpty()) {
                text = "**" + text + "**";
            }
            if (span.href() != null) {
                // The address has no whitespace, '<', '>' or '\' (see Inline), so it is safe between angle brackets.
                sb.append('[').append(text).append("](<").append(span.href()).append(">)");
            } else {
                sb.append(text);
            }
        }
        return sb.toString();
    }

    @Override
    public void open(String languageTag) {
        // Markdown has no language attribute.
    }

    @Override
    public void heading(int level, String text, String anchor) {
        out.append("#".repeat(level)).append(' ').append(escape(text)).append("\n\n");
    }

    @Override
    public void paragraph(String text) {
        String[] lines = text.strip().split("\\R");
        for (int i = 0; i < lines.length; i++) {
            out.append(blockStart(escape(lines[i])));
            // A backslash at the end of a line is a hard line break, as a new line is in the HTML form.
            out.append(i < lines.length - 1 ? "\\\n" : "\n");
        }
        out.append('\n');
    }

    @Override
    public void fields(List<Field> fields) {
        for (Field field : fields) {
            out.append("- **").append(escape(field.label())).append(":** ").append(inline(field.value())).append('\n');
        }
        out.append('\n');
    }

    @Override
    public void list(List<Inline> items) {
        for (Inline item : items) {
            out.append("- ").append(blockStart(inline(item))).append('\n');
        }
        out.append('\n');
    }

    @Override
    public void table(List<String> headers, List<List<Inline>> rows) {
        out.append('|');
        for (String header : headers) {
            out.append(' ').append(escape(header)).append(" |");
        }
        out.append("\n|");
        out.append(" --- |".repeat(headers.size()));
        out.append('\n');
        for (List<Inline> row : rows) {
            out.append('|');
            for (Inline cell : row) {
                out.append(' ').append(inline(cell)).append(" |");
            }
            out.append('\n');
        }
        out.append('\n');
    }

    @Override
    public void close() {
        while (out.length() > 1 && out.charAt(out.length() - 1) == '\n' && out.charAt(out.length() - 2) == '\n') {
            out.setLength(out.length() - 1);
        }
    }

    @Override
    public String result() {
        return out.toString();
    }
}

