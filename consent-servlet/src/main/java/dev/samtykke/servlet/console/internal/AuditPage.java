package dev.samtykke.servlet.console.internal;

import dev.samtykke.servlet.console.AuditEntry;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The audit trail page: every console action, newest first, with who and when. */
final class AuditPage {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private AuditPage() {
    }

    static byte[] render(Page.Context ctx, List<AuditEntry> entries, int limit) {
        StringBuilder html = Page.open(ctx, Page.Section.AUDIT, "Audit trail", "");
        html.append("<p>Every look-up, export, erasure and verification in this console, newest first. Whose records is")
                .append(" the start of the SHA-256 of the consent ID: the trail holds no consent ID, yet whoever holds a")
                .append(" visitor's request can match it to its handling.</p>")
                .append("<form method=\"get\" action=\"").append(ctx.href("/audit")).append("\" class=\"inline\">")
                .append("<label for=\"limit\">Entries shown</label> <input id=\"limit\" name=\"limit\" type=\"number\"")
                .append(" min=\"1\" max=\"").append(ConsoleApi.MAX_AUDIT).append("\" value=\"").append(limit).append("\">")
                .append(" <button type=\"submit\">Show</button></form>");
        if (entries.isEmpty()) {
            html.append("<p>Nothing has been done in the console yet.</p>");
            return Page.close(html, ctx);
        }
        html.append("<table class=\"audit\"><caption>The latest ").append(entries.size())
                .append(" console actions</caption><thead><tr><th scope=\"col\">When</th><th scope=\"col\">Who</th>")
                .append("<th scope=\"col\">Action</th><th scope=\"col\">Whose records</th><th scope=\"col\">Outcome</th>")
                .append("</tr></thead><tbody>");
        for (AuditEntry e : entries) {
            html.append("<tr><th scope=\"row\">").append(TIME.format(e.at())).append("</th><td>")
                    .append(Html.escape(e.principal())).append("</td><td>").append(Html.escape(e.action().id()))
                    .append("</td><td>").append(e.subject() == null ? "–" : "<code>" + Html.escape(e.subject()) + "</code>")
                    .append("</td><td>").append(Html.escape(e.outcome())).append("</td></tr>");
        }
        html.append("</tbody></table>");
        return Page.close(html, ctx);
    }
}
