package dev.samtykke.benchmarks.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The benchmark's summary (a Markdown table of medians with min–max) and its per-load figures (TSV). */
final class Report {

    private final Map<BannerTool, List<LoadResult>> results;
    private final Map<BannerTool, String> versions;

    Report(Map<BannerTool, List<LoadResult>> results, Map<BannerTool, String> versions) {
        this.results = results;
        this.versions = versions;
    }

    /** Each peer's version as installed in {@code node_modules} (its package.json); Samtykke's is the build's. */
    static Map<BannerTool, String> versions(Path nodeModules) {
        Map<BannerTool, String> versions = new EnumMap<>(BannerTool.class);
        Pattern version = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"");
        for (BannerTool tool : BannerTool.values()) {
            if (tool.npmPackage() == null) {
                versions.put(tool, "this build");
                continue;
            }
            try {
                Matcher m = version.matcher(Files.readString(nodeModules.resolve(tool.npmPackage()).resolve("package.json")));
                versions.put(tool, m.find() ? m.group(1) : "?");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return versions;
    }

    static double median(double[] values) {
        double[] sorted = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private String cell(BannerTool tool, ToDoubleFunction<LoadResult> metric, String format) {
        double[] values = results.get(tool).stream().mapToDouble(metric).filter(v -> !Double.isNaN(v)).toArray();
        if (values.length == 0) {
            return "n/a";
        }
        double min = Arrays.stream(values).min().orElseThrow();
        double max = Arrays.stream(values).max().orElseThrow();
        String median = String.format(Locale.ROOT, format, median(values));
        return min == max ? "**" + median + "**" : String.format(Locale.ROOT, "**%s** (" + format + "–" + format + ")",
                median, min, max);
    }

    /** The summary table, one column per tool, then each tool's responses from its first load. */
    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| median of the loads (min–max) |");
        results.keySet().forEach(t -> out.append(' ').append(t.title()).append(' ').append(versions.get(t)).append(" |"));
        out.append("\n| --- |").append(" ---: |".repeat(results.size())).append('\n');
        row(out, "first layer detected (loads)", t -> {
            List<LoadResult> loads = results.get(t);
            return loads.stream().filter(LoadResult::detected).count() + " / " + loads.size();
        });
        row(out, "script + style sheets, gzip (B)", t -> cell(t, r -> r.scriptAndStyleBytes(), "%,.0f"));
        row(out, "all banner responses, gzip (B)", t -> cell(t, r -> r.bannerBytes(), "%,.0f"));
        row(out, "banner requests", t -> cell(t, r -> r.resources().size(), "%.0f"));
        row(out, "page HTML, gzip (B)", t -> cell(t, r -> r.documentBytes(), "%,.0f"));
        row(out, "scripting until interactive, 4x CPU (ms)", t -> cell(t, LoadResult::scriptMs, "%.1f"));
        row(out, "main-thread tasks until interactive, 4x CPU (ms)", t -> cell(t, LoadResult::taskMs, "%.1f"));
        row(out, "DOMContentLoaded → last banner response before it (ms)", t -> cell(t, LoadResult::lastResponseMs, "%.1f"));
        row(out, "DOMContentLoaded → first layer in the document (ms)", t -> cell(t, LoadResult::attachedMs, "%.1f"));
        row(out, "DOMContentLoaded → first layer visible (ms)", t -> cell(t, LoadResult::visibleMs, "%.1f"));
        row(out, "DOMContentLoaded → first layer interactive (ms)", t -> cell(t, LoadResult::interactiveMs, "%.1f"));
        row(out, "navigation start → first layer interactive (ms)", t -> cell(t, LoadResult::sinceNavigationMs, "%.1f"));
        row(out, "cumulative layout shift", t -> cell(t, LoadResult::layoutShift, "%.4f"));
        out.append('\n');
        for (Map.Entry<BannerTool, List<LoadResult>> entry : results.entrySet()) {
            LoadResult first = entry.getValue().get(0);
            out.append(entry.getKey().title()).append(" responses (gzip / decoded B):");
            first.resources().forEach(r -> out.append(String.format(Locale.ROOT, " %s %,d / %,d;", r.path(), r.encodedBytes(),
                    r.decodedBytes())));
            if (!first.shiftSources().isEmpty()) {
                out.append(" layout shifts of ").append(first.shiftSources());
            }
            out.append('\n');
        }
        return out.toString();
    }

    private void row(StringBuilder out, String label, Function<BannerTool, String> cell) {
        out.append("| ").append(label).append(" |");
        results.keySet().forEach(t -> out.append(' ').append(cell.apply(t)).append(" |"));
        out.append('\n');
    }

    /** One line per load. */
    String tsv() {
        StringBuilder out = new StringBuilder("tool\tload\tdetected\tscript_ms\ttask_ms\tattached_ms\tvisible_ms\tinteractive_ms\tsince_navigation_ms\tlast_response_ms"
                + "\tlayout_shift\tjs_css_gzip\tbanner_gzip\trequests\tdocument_gzip\n");
        results.forEach((tool, loads) -> {
            for (int i = 0; i < loads.size(); i++) {
                LoadResult r = loads.get(i);
                out.append(String.format(Locale.ROOT, "%s\t%d\t%s\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.5f\t%d\t%d\t%d\t%d%n",
                        tool.title(), i + 1, r.detected(), r.scriptMs(), r.taskMs(), r.attachedMs(), r.visibleMs(), r.interactiveMs(),
                        r.sinceNavigationMs(), r.lastResponseMs(), r.layoutShift(), r.scriptAndStyleBytes(), r.bannerBytes(), r.resources().size(), r.documentBytes()));
            }
        });
        return out.toString();
    }
}
