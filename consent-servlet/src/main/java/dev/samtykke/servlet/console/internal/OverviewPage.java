package dev.samtykke.servlet.console.internal;

import dev.samtykke.core.ledger.LedgerVerification;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.Purpose;
import dev.samtykke.core.stats.DailyStats;
import dev.samtykke.core.stats.StatsCount;
import dev.samtykke.core.stats.StatsReport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The console's insights page (its start page), server-rendered HTML without a script: the share granting each
 * purpose, the consent rate per purpose over time, the split of decisions, the acceptance per policy version and per
 * locale, before and after each version in each locale, and the ledger's health. Every chart has a text alternative
 * and a data table.
 */
final class OverviewPage {

    private OverviewPage() {
    }

    /** Sums of one group of counters. */
    private static final class Totals {
        long impressions;
        final Map<String, Long> decisions = new HashMap<>();
        final Map<String, Long> granted = new HashMap<>();
        final Map<String, Long> denied = new HashMap<>();

        void add(StatsCount c) {
            switch (c.metric()) {
                case IMPRESSION -> impressions += c.count();
                case DECISION -> decisions.merge(c.item(), c.count(), Long::sum);
                case GRANTED -> granted.merge(c.item(), c.count(), Long::sum);
                case DENIED -> denied.merge(c.item(), c.count(), Long::sum);
            }
        }

        long decisionCount() {
            return decisions.values().stream().mapToLong(Long::longValue).sum();
        }

        String rate(String purpose) {
            long g = granted.getOrDefault(purpose, 0L);
            return Html.percent(g, g + denied.getOrDefault(purpose, 0L));
        }
    }

    private static Map<String, Totals> group(List<StatsCount> counts, Function<StatsCount, String> key,
                                             Comparator<String> order) {
        Map<String, Totals> groups = new TreeMap<>(order);
        for (StatsCount c : counts) {
            groups.computeIfAbsent(key.apply(c), k -> new Totals()).add(c);
        }
        return groups;
    }

    /**
     * Renders the page.
     *
     * @param ctx    the page's context
     * @param policy the policy (purpose titles)
     * @param report the days shown
     * @param counts the counters of those days, for the groups by version and locale
     * @param ledger the ledger's health
     * @return UTF-8 HTML
     */
    static byte[] render(Page.Context ctx, ConsentPolicy policy, StatsReport report, List<StatsCount> counts,
                         LedgerHealth.Status ledger) {
        List<Purpose> purposes = policy.purposes().stream().filter(Purpose::requiresConsent).toList();
        Totals all = new Totals();
        counts.forEach(all::add);
        int days = report.days().size();
        String period = report.from() + " to " + report.to();

        StringBuilder html = Page.open(ctx, Page.Section.INSIGHTS, "Insights", "");
        html.append("<p>Policy <code>").append(Html.escape(policy.id())).append("</code>, version ")
                .append(Html.escape(policy.version().toString())).append(". The last ").append(days)
                .append(" days (UTC): ").append(period).append(". Counts hold no personal data.</p>")
                .append("<form method=\"get\" action=\"").append(ctx.href("/")).append("\" class=\"inline\">")
                .append("<label for=\"days\">Days shown</label> <input id=\"days\" name=\"days\" type=\"number\" min=\"1\"")
                .append(" max=\"").append(StatsReport.MAX_DAYS).append("\" value=\"").append(days).append("\">")
                .append(" <button type=\"submit\">Show</button></form>")
                .append("<p>Download the counters <a href=\"").append(ctx.href("/api/stats.csv?days=" + days))
                .append("\">as CSV</a> or <a href=\"").append(ctx.href("/api/stats?days=" + days)).append("\">as JSON</a>.</p>");

        // the figures asked for first
        html.append("<section aria-labelledby=\"share\"><h2 id=\"share\">Share of decisions granting each purpose</h2><ul>");
        for (Purpose p : purposes) {
            long g = all.granted.getOrDefault(p.id(), 0L);
            long n = g + all.denied.getOrDefault(p.id(), 0L);
            html.append("<li class=\"figure\">").append(Html.escape(title(p))).append(": <strong>")
                    .append(Html.percent(g, n)).append("</strong> (").append(g).append(" of ").append(n).append(")</li>");
        }
        html.append("</ul><p>").append(all.decisionCount()).append(" decisions, ").append(all.impressions)
                .append(" first-layer impressions.</p></section>");

        rateOverTime(html, report, counts, purposes, period);
        decisionSplit(html, all, period);
        groupTable(html, "by-version", "By policy version",
                "Compare a version with the one before it to see whether it changed what visitors accept.",
                group(counts, StatsCount::policyVersion, VersionComparison.VERSION_ORDER), purposes);
        groupTable(html, "by-locale", "By locale", "Decisions in each language the notice was shown in.",
                group(counts, StatsCount::locale, Comparator.naturalOrder()), purposes);
        VersionComparison.render(html, counts, purposes);
        ledgerSection(html, ledger, ctx);
        return Page.close(html, ctx);
    }

    static String title(Purpose p) {
        String title = p.title().get(Locale.ENGLISH);
        return title == null || title.isBlank() ? p.id() : title;
    }

    private static void rateOverTime(StringBuilder html, StatsReport report, List<StatsCount> counts, List<Purpose> purposes,
                                     String period) {
        List<String> dates = report.days().stream().map(d -> d.date().toString()).toList();
        List<SvgCharts.Series> series = new ArrayList<>();
        StringBuilder description = new StringBuilder("Share of each day's decisions that granted each purpose, " + period
                + ". Days without decisions have no point.");
        List<SvgCharts.Marker> markers = new ArrayList<>();
        Map<String, java.time.LocalDate> firstShown = new TreeMap<>(VersionComparison.VERSION_ORDER);
        counts.forEach(c -> firstShown.merge(c.policyVersion(), c.day(), (a, b) -> a.isBefore(b) ? a : b));
        if (firstShown.size() > 1) {
            firstShown.entrySet().stream().skip(1).forEach(e -> {
                markers.add(new SvgCharts.Marker((int) (e.getValue().toEpochDay() - report.from().toEpochDay()),
                        "v" + e.getKey()));
                description.append(" Policy version ").append(e.getKey()).append(" was first shown on ").append(e.getValue())
                        .append(" (a dashed vertical line).");
            });
        }
        for (Purpose p : purposes) {
            List<Double> values = new ArrayList<>();
            for (DailyStats day : report.days()) {
                long g = day.granted().getOrDefault(p.id(), 0L);
                long n = g + day.denied().getOrDefault(p.id(), 0L);
                values.add(n == 0 ? null : g / (double) n);
            }
            series.add(new SvgCharts.Series(p.id(), values)); // the id: short enough to label a line
        }
        html.append("<section aria-labelledby=\"rate\"><h2 id=\"rate\">Consent rate per purpose over time</h2>")
                .append(SvgCharts.lines("rate-chart", "Consent rate per purpose, per day", description.toString(), dates, series,
                        markers))
                .append("<details><summary>The figures of the chart</summary><table><caption>Share of decisions granting,")
                .append(" per day</caption><thead><tr><th scope=\"col\">Day</th>");
        purposes.forEach(p -> html.append("<th scope=\"col\">").append(Html.escape(title(p))).append("</th>"));
        html.append("</tr></thead><tbody>");
        for (DailyStats day : report.days()) {
            html.append("<tr><th scope=\"row\">").append(day.date()).append("</th>");
            for (Purpose p : purposes) {
                long g = day.granted().getOrDefault(p.id(), 0L);
                html.append("<td>").append(Html.percent(g, g + day.denied().getOrDefault(p.id(), 0L))).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</tbody></table></details></section>");
    }

    private static void decisionSplit(StringBuilder html, Totals all, String period) {
        List<SvgCharts.Bar> bars = DailyStats.KINDS.stream()
                .map(kind -> new SvgCharts.Bar(kind, all.decisions.getOrDefault(kind, 0L))).toList();
        StringBuilder description = new StringBuilder("Decisions by kind, " + period + ": ");
        bars.forEach(b -> description.append(b.label()).append(' ').append(b.value()).append(", "));
        description.setLength(description.length() - 2);
        html.append("<section aria-labelledby=\"split\"><h2 id=\"split\">The split of decisions</h2>")
                .append(SvgCharts.bars("split-chart", "Decisions by kind", description.append('.').toString(), bars))
                .append("</section>");
    }

    private static void groupTable(StringBuilder html, String id, String heading, String intro, Map<String, Totals> groups,
                                   List<Purpose> purposes) {
        html.append("<section aria-labelledby=\"").append(id).append("\"><h2 id=\"").append(id).append("\">")
                .append(heading).append("</h2><p>").append(intro).append("</p>");
        if (groups.isEmpty()) {
            html.append("<p>No counts in this period.</p></section>");
            return;
        }
        html.append("<table><caption>").append(heading).append(": decisions and the share granting each purpose</caption>")
                .append("<thead><tr><th scope=\"col\">").append(id.equals("by-version") ? "Version" : "Locale")
                .append("</th><th scope=\"col\">Impressions</th><th scope=\"col\">Decisions</th>")
                .append("<th scope=\"col\">Accept all</th><th scope=\"col\">Reject all</th>");
        purposes.forEach(p -> html.append("<th scope=\"col\">").append(Html.escape(title(p))).append("</th>"));
        html.append("</tr></thead><tbody>");
        groups.forEach((key, t) -> {
            long n = t.decisionCount();
            html.append("<tr><th scope=\"row\">").append(Html.escape(key)).append("</th><td>").append(t.impressions)
                    .append("</td><td>").append(n).append("</td><td>")
                    .append(Html.percent(t.decisions.getOrDefault("accept-all", 0L), n)).append("</td><td>")
                    .append(Html.percent(t.decisions.getOrDefault("reject-all", 0L), n)).append("</td>");
            purposes.forEach(p -> html.append("<td>").append(t.rate(p.id())).append("</td>"));
            html.append("</tr>");
        });
        html.append("</tbody></table></section>");
    }

    private static void ledgerSection(StringBuilder html, LedgerHealth.Status status, Page.Context ctx) {
        html.append("<section aria-labelledby=\"ledger\"><h2 id=\"ledger\">The consent ledger</h2>");
        LedgerHealth.Result last = status.last();
        if (status.runningSince() != null) {
            html.append("<p>A verification is running since ").append(status.runningSince()).append(".</p>");
        }
        if (last == null) {
            html.append("<p>Not verified since the application started.</p>");
        } else if (last.verification() == null) {
            html.append("<p>The last verification, ").append(last.finishedAt()).append(", failed: ")
                    .append(Html.escape(last.failure())).append(".</p>");
        } else {
            LedgerVerification v = last.verification();
            html.append("<p>Last verified ").append(last.finishedAt()).append(": <strong>")
                    .append(v.isIntact() ? "intact" : "broken, " + v.problems().size() + " problems").append("</strong>, ")
                    .append(v.recordsChecked()).append(" records checked.</p><p>Chain head (note it down as an external")
                    .append(" anchor): <code>").append(Html.escape(v.anchor())).append("</code></p>");
        }
        html.append("<p><a href=\"").append(ctx.href("/ledger")).append("\">Ledger health and verification</a></p></section>");
    }
}
