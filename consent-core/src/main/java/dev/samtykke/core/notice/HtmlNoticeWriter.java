package dev.samtykke.core.notice;

import java.util.List;

/** Writes a notice as an HTML fragment: one {@code <section>}, every text escaped. */
final class HtmlNoticeWriter implements NoticeWriter {

    private final StringBuilder out = new StringBuilder(16 * 1024);

    /** Escapes text for HTML element content and quoted attribute values. */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private void inline(Inline inline) {
        for (Inline.Span span : inline.spans()) {
            String text = escape(span.text());
            if (span.strong()) {
                text = "<strong>" + text + "</strong>";
            }
            if (span.href() != null) {
                out.append("<a href=\"").append(escape(span.href())).append("\">").append(text).append("</a>");
            } else {
                out.append(text);
            }
        }
    }

    @Override
    public void open(String languageTag) {
        out.append("<section class=\"samtykke-notice\" lang=\"").append(escape(languageTag)).append("\">\n");
    }

    @Override
    public void heading(int level, String text, String anchor) {
        out.append("<h").append(level);
        if (anchor != null) {
            out.append(" id=\"").append(escape(anchor)).append('"');
        }
        out.append('>').append(escape(text)).append("</h").append(level).append(">\n");
    }

    @Override
    public void paragraph(String text) {
        out.append("<p>").append(escape(text.strip()).replaceAll("\\R", "<br>\n")).append("</p>\n");
    }

    @Override
    public void fields(List<Field> fields) {
        out.append("<dl>\n");
        for (Field field : fields) {
            out.append("<dt>").append(escape(field.label())).append("</dt><dd>");
            inline(field.value());
            out.append("</dd>\n");
        }
        out.append("</dl>\n");
    }

    @Override
    public void list(List<Inline> items) {
        out.append("<ul>\n");
        for (Inline item : items) {
            out.append("<li>");
            inline(item);
            out.append("</li>\n");
        }
        out.append("</ul>\n");
    }

    @Override
    public void table(List<String> headers, List<List<Inline>> rows) {
        out.append("<table>\n<thead>\n<tr>");
        for (String header : headers) {
            out.append("<th scope=\"col\">").append(escape(header)).append("</th>");
        }
        out.append("</tr>\n</thead>\n<tbody>\n");
        for (List<Inline> row : rows) {
            out.append("<tr>");
            for (Inline cell : row) {
                out.append("<td>");
                inline(cell);
                out.append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    @Override
    public void close() {
        out.append("</section>\n");
    }

    @Override
    public String result() {
        return out.toString();
    }
}
