package dev.samtykke.servlet.console.internal;

import dev.samtykke.core.ledger.LedgerVerification;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The ledger health page: the last verification's result and time, the chain head to note down as an external
 * anchor, and a button that starts a verification in the background. While one runs, the page says since when and,
 * where the ledger tells, how many chain positions of the total it has checked (text and a {@code <progress>}); the
 * console's script (where scripts run) follows it on {@code api/ledger} and reloads the page when it ends, and
 * without a script the "check progress" link does the same by hand.
 */
final class LedgerPage {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private LedgerPage() {
    }

    static byte[] render(Page.Context ctx, LedgerHealth.Status status, Instant now) {
        boolean running = status.runningSince() != null;
        StringBuilder html = Page.open(ctx, Page.Section.LEDGER, "Ledger health",
                "<script src=\"" + ctx.href(Page.SCRIPT) + "\" defer></script>");
        html.append("<p>The consent ledger chains every record to the one before it, so that a silent edit or deletion")
                .append(" shows when it is verified. Verification reads every record; it runs in the background.</p>");
        html.append("<section aria-labelledby=\"now\"><h2 id=\"now\">Verification</h2>");
        if (running) {
            long seconds = Math.max(0, Duration.between(status.runningSince(), now).toSeconds());
            html.append("<div class=\"running\" data-poll=\"").append(ctx.href("/api/ledger")).append("\">")
                    .append("<p role=\"status\">A verification is running since ").append(TIME.format(status.runningSince()))
                    .append(".</p><p>Seconds so far: <span data-elapsed>").append(seconds).append("</span></p>");
            progress(html, status.progress());
            html.append("<p><a href=\"").append(ctx.href("/ledger")).append("\">Check progress</a></p></div>");
        } else {
            html.append(ctx.form("/ledger/verify", "")).append("<button type=\"submit\">Verify now</button></form>");
        }
        html.append("</section><section aria-labelledby=\"last\"><h2 id=\"last\">Last verification</h2>");
        LedgerHealth.Result last = status.last();
        if (last == null) {
            html.append("<p>Not verified since the application started.</p>");
        } else if (last.verification() == null) {
            html.append("<p class=\"bad\">The verification started ").append(TIME.format(last.startedAt()))
                    .append(" failed at ").append(TIME.format(last.finishedAt())).append(": ")
                    .append(Html.escape(last.failure())).append(". The ledger could not be read; try again later.</p>");
        } else {
            result(html, last);
        }
        html.append("</section>");
        return Page.close(html, ctx);
    }

    /**
     * The positions checked of the total, as text and as a labelled {@code <progress>} (whose value never passes its
     * maximum); an indeterminate {@code <progress>} when the ledger does not tell.
     */
    private static void progress(StringBuilder html, LedgerHealth.Progress progress) {
        if (progress == null) {
            html.append("<progress aria-label=\"Verification in progress\"></progress>");
            return;
        }
        long max = Math.max(1, progress.total());
        long value = Math.min(progress.checked(), max);
        long percent = progress.total() <= 0 ? 100 : value * 100 / max;
        html.append("<p><label for=\"verification-progress\">Verification progress</label> <progress id=\"verification-progress\"")
                .append(" max=\"").append(max).append("\" value=\"").append(value).append("\">").append(percent)
                .append("%</progress></p><p><span data-checked>").append(count(progress.checked()))
                .append("</span> of <span data-total>").append(count(progress.total()))
                .append("</span> chain positions checked (<span data-percent>").append(percent).append("</span>%)</p>");
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static void result(StringBuilder html, LedgerHealth.Result last) {
        LedgerVerification v = last.verification();
        html.append("<p class=\"").append(v.isIntact() ? "good" : "bad").append("\"><strong>")
                .append(v.isIntact() ? "Intact" : "Broken: " + v.problems().size() + " problems").append("</strong></p>")
                .append("<dl class=\"facts\"><dt>Started</dt><dd>").append(TIME.format(last.startedAt()))
                .append("</dd><dt>Finished</dt><dd>").append(TIME.format(last.finishedAt()))
                .append("</dd><dt>Records checked</dt><dd>").append(v.recordsChecked())
                .append("</dd><dt>Erased records (tombstones)</dt><dd>").append(v.tombstones())
                .append("</dd><dt>Erasure events</dt><dd>").append(v.events())
                .append("</dd><dt>Chains (shards)</dt><dd>").append(v.shards()).append("</dd></dl>")
                .append("<h3>Chain head</h3><p>Note this down, or store it in another system, as an external anchor: no")
                .append(" hash chain can show from inside that a whole chain and its head were rewritten, but a rewrite")
                .append(" shows as heads that no longer lead back to a head noted down before.</p><p><code class=\"anchor\">")
                .append(Html.escape(v.anchor())).append("</code></p>");
        if (!v.problems().isEmpty()) {
            html.append("<table><caption>Problems found (at most 100 shown)</caption><thead><tr><th scope=\"col\">Kind</th>")
                    .append("<th scope=\"col\">Chain</th><th scope=\"col\">Position</th><th scope=\"col\">What</th></tr>")
                    .append("</thead><tbody>");
            v.problems().stream().limit(100).forEach(p -> html.append("<tr><th scope=\"row\">")
                    .append(Html.escape(p.kind().name())).append("</th><td>").append(p.shard()).append("</td><td>")
                    .append(p.sequence()).append("</td><td>").append(Html.escape(p.message())).append("</td></tr>"));
            html.append("</tbody></table>");
        }
    }
}
