package dev.samtykke.scanner.internal;

import dev.samtykke.scanner.Finding;
import dev.samtykke.scanner.PageVisit;
import dev.samtykke.scanner.ScanReport;
import dev.samtykke.scanner.Suggestion;

import java.util.Base64;

import static dev.samtykke.scanner.internal.Markup.escape;

/** A self-contained HTML page: findings, suggestions, and the start page's screenshots (embedded as base64). */
public final class HtmlReport {

    private HtmlReport() {
    }

    /** The report as one HTML document with no external resources. */
    public static String write(ScanReport report) {
        StringBuilder out = new StringBuilder("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Samtykke scan</title><style>body{font-family:system-ui,sans-serif;margin:2rem;color:#222}"
                + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}"
                + ".warning{color:#8a6d00}.error{color:#b00020}figure{display:inline-block;margin:0 1rem 1rem 0}"
                + "img{width:400px;border:1px solid #ccc}</style></head><body>\n<h1>Samtykke scan</h1>\n");
        long errors = report.findings().stream().filter(f -> !f.warning()).count();
        out.append("<p>").append(report.pages().size()).append(" page(s) scanned in three states; ").append(errors)
                .append(" finding(s), ").append(report.findings().size() - errors).append(" warning(s).</p>\n");
        out.append("<h2>Start page</h2>\n");
        if (!report.pages().isEmpty()) {
            String start = report.pages().get(0);
            for (PageVisit v : report.visits()) {
                if (v.url().equals(start) && v.screenshot() != null) {
                    out.append("<figure><img alt=\"").append(escape(v.state().id())).append("\" src=\"data:image/png;base64,")
                            .append(Base64.getEncoder().encodeToString(v.screenshot())).append("\"><figcaption>")
                            .append(escape(v.state().id())).append("</figcaption></figure>\n");
                }
            }
        }
        out.append("<h2>Findings</h2>\n");
        if (report.findings().isEmpty()) {
            out.append("<p>None: the policy matches what the browser saw.</p>\n");
        } else {
            out.append("<table><tr><th>kind</th><th>name</th><th>state</th><th>page</th><th>detail</th></tr>\n");
            for (Finding f : report.findings()) {
                out.append("<tr class=\"").append(f.warning() ? "warning" : "error").append("\"><td>").append(f.kind().id())
                        .append("</td><td><code>").append(escape(f.name())).append("</code></td><td>").append(f.state().id())
                        .append("</td><td>").append(escape(f.page() == null ? "" : f.page())).append("</td><td>")
                        .append(escape(f.detail())).append("</td></tr>\n");
            }
            out.append("</table>\n");
        }
        if (!report.suggestions().isEmpty()) {
            out.append("<h2>Suggestions (Open Cookie Database)</h2>\n<ul>\n");
            for (Suggestion s : report.suggestions()) {
                out.append("<li><code>").append(escape(s.name())).append("</code>: ").append(escape(s.known()
                        ? s.platform() + " (" + s.provider() + "), " + s.category() + ", " + s.retention() + ": " + s.description()
                        : "not in the database")).append("</li>\n");
            }
            out.append("</ul>\n");
        }
        out.append("<h2>Pages</h2>\n<ol>\n");
        report.pages().forEach(p -> out.append("<li>").append(escape(p)).append("</li>\n"));
        return out.append("</ol>\n</body></html>\n").toString();
    }
}
