package dev.samtykke.servlet.console.internal;

import dev.samtykke.core.policy.PolicyVersion;
import dev.samtykke.core.policy.Purpose;
import dev.samtykke.core.stats.StatsCount;
import dev.samtykke.core.stats.StatsMetric;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * "Did version 2.0 change that?": in each locale, the acceptance under each policy version beside the version before
 * it (accept all, and the share granting each purpose), as a sentence per change, a chart, and a table. Only the
 * policy's purpose ids are shown: counters of other items (a per-service {@code purpose/service}) are left out.
 */
final class VersionComparison {

    /** Versions in their order ({@code 1.10} after {@code 1.9}); one that does not parse sorts by its text, last. */
    static final Comparator<String> VERSION_ORDER = Comparator
            .comparing((String v) -> PolicyVersion.isValid(v) ? PolicyVersion.parse(v) : null,
                    Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Comparator.naturalOrder());

    /** The figures of one policy version in one locale. */
    private static final class Figures {
        long decisions;
        long acceptAll;
        final Map<String, long[]> purposes = new HashMap<>(); // purpose -> {granted, denied}

        long[] purpose(String id) {
            return purposes.getOrDefault(id, new long[2]);
        }
    }

    private VersionComparison() {
    }

    static void render(StringBuilder html, List<StatsCount> counts, List<Purpose> purposes) {
        Map<String, Map<String, Figures>> byLocale = new TreeMap<>();
        for (StatsCount c : counts) {
            if (c.metric() == StatsMetric.IMPRESSION) {
                continue;
            }
            Figures f = byLocale.computeIfAbsent(c.locale(), l -> new TreeMap<>(VERSION_ORDER))
                    .computeIfAbsent(c.policyVersion(), v -> new Figures());
            switch (c.metric()) {
                case DECISION -> {
                    f.decisions += c.count();
                    if (c.item().equals("accept-all")) {
                        f.acceptAll += c.count();
                    }
                }
                case GRANTED -> f.purposes.computeIfAbsent(c.item(), k -> new long[2])[0] += c.count();
                case DENIED -> f.purposes.computeIfAbsent(c.item(), k -> new long[2])[1] += c.count();
                default -> { }
            }
        }
        html.append("<section aria-labelledby=\"versions\"><h2 id=\"versions\">Before and after each policy version,")
                .append(" by locale</h2><p>In each locale, what visitors accepted under each version, beside the version")
                .append(" before it. A change is in percentage points.</p>");
        if (byLocale.isEmpty()) {
            html.append("<p>No decisions in this period.</p></section>");
            return;
        }
        int chart = 0;
        for (Map.Entry<String, Map<String, Figures>> locale : byLocale.entrySet()) {
            String tag = Html.escape(locale.getKey());
            List<String> versions = new ArrayList<>(locale.getValue().keySet());
            html.append("<h3>Locale <span lang=\"").append(tag).append("\">").append(tag).append("</span></h3>");
            summary(html, locale.getValue(), versions, purposes);
            List<SvgCharts.ShareGroup> groups = new ArrayList<>();
            groups.add(new SvgCharts.ShareGroup("Accept all", versions.stream().map(v -> {
                Figures f = locale.getValue().get(v);
                return new SvgCharts.Share("version " + v, f.acceptAll, f.decisions);
            }).toList()));
            for (Purpose p : purposes) {
                groups.add(new SvgCharts.ShareGroup(OverviewPage.title(p), versions.stream().map(v -> {
                    long[] gd = locale.getValue().get(v).purpose(p.id());
                    return new SvgCharts.Share("version " + v, gd[0], gd[0] + gd[1]);
                }).toList()));
            }
            StringBuilder description = new StringBuilder("Acceptance by policy version in locale " + locale.getKey() + ". ");
            for (SvgCharts.ShareGroup g : groups) {
                description.append(g.heading()).append(": ");
                g.shares().forEach(s -> description.append(s.label()).append(' ').append(Html.percent(s.part(), s.whole()))
                        .append(" (").append(s.part()).append(" of ").append(s.whole()).append("), "));
                description.setLength(description.length() - 2);
                description.append(". ");
            }
            html.append(SvgCharts.shareGroups("versions-chart-" + chart++, "Acceptance by policy version, locale "
                    + locale.getKey(), description.toString().strip(), groups));
            table(html, locale.getKey(), locale.getValue(), versions, purposes);
        }
        html.append("</section>");
    }

    /** One sentence per version after the first: what changed from the version before. */
    private static void summary(StringBuilder html, Map<String, Figures> figures, List<String> versions, List<Purpose> purposes) {
        if (versions.size() < 2) {
            html.append("<p>Only version ").append(Html.escape(versions.get(0)))
                    .append(" was shown in this period: nothing to compare.</p>");
            return;
        }
        html.append("<ul class=\"changes\">");
        for (int i = 1; i < versions.size(); i++) {
            Figures before = figures.get(versions.get(i - 1));
            Figures after = figures.get(versions.get(i));
            html.append("<li>Version ").append(Html.escape(versions.get(i))).append(" against ")
                    .append(Html.escape(versions.get(i - 1))).append(": accept all ")
                    .append(change(before.acceptAll, before.decisions, after.acceptAll, after.decisions));
            for (Purpose p : purposes) {
                long[] b = before.purpose(p.id());
                long[] a = after.purpose(p.id());
                html.append("; ").append(Html.escape(OverviewPage.title(p))).append(' ')
                        .append(change(b[0], b[0] + b[1], a[0], a[0] + a[1]));
            }
            html.append(".</li>");
        }
        html.append("</ul>");
    }

    /** "67% → 40% (−27 points)", or what is missing. */
    static String change(long partBefore, long wholeBefore, long partAfter, long wholeAfter) {
        String text = Html.percent(partBefore, wholeBefore) + " → " + Html.percent(partAfter, wholeAfter);
        if (wholeBefore == 0 || wholeAfter == 0) {
            return text;
        }
        long points = Math.round(100.0 * partAfter / wholeAfter) - Math.round(100.0 * partBefore / wholeBefore);
        return text + " (" + (points > 0 ? "+" + points : points < 0 ? "−" + -points : "±0") + " points)";
    }

    private static void table(StringBuilder html, String locale, Map<String, Figures> figures, List<String> versions,
                              List<Purpose> purposes) {
        html.append("<table><caption>Locale ").append(Html.escape(locale))
                .append(": decisions and acceptance by policy version</caption><thead><tr><th scope=\"col\">Version</th>")
                .append("<th scope=\"col\">Decisions</th><th scope=\"col\">Accept all</th>");
        purposes.forEach(p -> html.append("<th scope=\"col\">").append(Html.escape(OverviewPage.title(p))).append("</th>"));
        html.append("</tr></thead><tbody>");
        for (String v : versions) {
            Figures f = figures.get(v);
            html.append("<tr><th scope=\"row\">").append(Html.escape(v)).append("</th><td>").append(f.decisions)
                    .append("</td><td>").append(Html.percent(f.acceptAll, f.decisions)).append("</td>");
            for (Purpose p : purposes) {
                long[] gd = f.purpose(p.id());
                html.append("<td>").append(Html.percent(gd[0], gd[0] + gd[1])).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</tbody></table>");
    }
}
