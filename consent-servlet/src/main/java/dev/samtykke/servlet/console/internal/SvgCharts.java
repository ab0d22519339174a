package dev.samtykke.servlet.console.internal;

import java.util.List;
import java.util.Locale;

/**
 * Charts as inline SVG, drawn on the server: readable without JavaScript, each an {@code img} with a title and a
 * description (its text alternative), lines told apart by dash pattern and a label as well as by colour.
 */
final class SvgCharts {

    /** Colours with enough contrast on white, and a dash pattern for each, so that colour is not the only cue. */
    private static final String[] COLOURS = {"#1f5fa8", "#b3331f", "#2d7a2d", "#7a3d99", "#8a6100", "#0f6b6b"};
    private static final String[] DASHES = {"", "6 3", "2 3", "8 3 2 3", "1 2", "10 4"};
    private static final int WIDTH = 640;
    private static final int HEIGHT = 240;
    private static final int LEFT = 44;
    private static final int RIGHT = 150;
    private static final int TOP = 12;
    private static final int BOTTOM = 28;

    /** One line of a chart: a label and one value per x position (0 to 1, or {@code null} for no value). */
    record Series(String label, List<Double> values) {
    }

    /** A vertical mark at an x position, with a label. */
    record Marker(int index, String label) {
    }

    /** One bar: a label and its count. */
    record Bar(String label, long value) {
    }

    private SvgCharts() {
    }

    /**
     * Shares over days, 0 % to 100 %, a line per series.
     *
     * @param id          a unique id for the title and description
     * @param title       the chart's title
     * @param description its text alternative
     * @param xLabels     the label of each x position (the days), first and last shown
     * @param markers     vertical marks at x positions (e.g. the day a policy version was first shown)
     */
    static String lines(String id, String title, String description, List<String> xLabels, List<Series> series,
                        List<Marker> markers) {
        StringBuilder svg = open(id, title, description, WIDTH, HEIGHT);
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        int count = xLabels.size();
        for (Marker marker : markers) {
            double x = LEFT + (count <= 1 ? plotWidth / 2.0 : plotWidth * marker.index() / (double) (count - 1));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#555\""
                    + " stroke-dasharray=\"3 3\"/>", x, x, TOP, TOP + plotHeight));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"#333\">%s</text>",
                    x + 3, TOP + 10, Html.escape(marker.label())));
        }
        for (int pct = 0; pct <= 100; pct += 25) {
            double y = TOP + plotHeight * (1 - pct / 100.0);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ccc\"/>",
                    LEFT, LEFT + plotWidth, y, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%d%%</text>",
                    LEFT - 4, y + 4, pct));
        }
        int n = xLabels.size();
        if (n > 0) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>", LEFT, HEIGHT - 8,
                    Html.escape(xLabels.get(0))));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%s</text>",
                    LEFT + plotWidth, HEIGHT - 8, Html.escape(xLabels.get(n - 1))));
        }
        for (int s = 0; s < series.size(); s++) {
            Series line = series.get(s);
            String colour = COLOURS[s % COLOURS.length];
            StringBuilder points = new StringBuilder();
            double lastX = -1;
            double lastY = -1;
            for (int i = 0; i < line.values().size(); i++) {
                Double v = line.values().get(i);
                if (v == null) {
                    continue;
                }
                lastX = LEFT + (n <= 1 ? plotWidth / 2.0 : plotWidth * i / (double) (n - 1));
                lastY = TOP + plotHeight * (1 - v);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", lastX, lastY));
            }
            if (lastX < 0) {
                continue;
            }
            String dash = DASHES[s % DASHES.length];
            svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour).append('"')
                    .append(dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"")
                    .append(" points=\"").append(points.toString().strip()).append("\"/>");
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>", lastX, lastY, colour));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" fill=\"%s\">%s</text>",
                    lastX + 6, lastY + 4, colour, Html.escape(line.label())));
        }
        return svg.append("</svg>").toString();
    }

    /**
     * Horizontal bars with their counts and shares written beside them.
     *
     * @param id          a unique id
     * @param title       the chart's title
     * @param description its text alternative
     */
    static String bars(String id, String title, String description, List<Bar> bars) {
        int rowHeight = 26;
        int height = TOP + rowHeight * Math.max(bars.size(), 1) + 8;
        StringBuilder svg = open(id, title, description, WIDTH, height);
        long max = bars.stream().mapToLong(Bar::value).max().orElse(0);
        long total = bars.stream().mapToLong(Bar::value).sum();
        int labelWidth = 110;
        int barSpace = WIDTH - labelWidth - 120;
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = TOP + i * rowHeight;
            double w = max == 0 ? 0 : barSpace * bar.value() / (double) max;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">%s</text>",
                    labelWidth - 6, y + 15, Html.escape(bar.label())));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\"/>",
                    labelWidth, y + 2, w, COLOURS[i % COLOURS.length]));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\">%d (%s)</text>",
                    labelWidth + w + 6, y + 15, bar.value(), Html.percent(bar.value(), total)));
        }
        return svg.append("</svg>").toString();
    }

    /** One bar of a grouped chart: a label (e.g. the version) and a share, {@code part} of {@code whole}. */
    record Share(String label, long part, long whole) {
    }

    /** A group of share bars under a heading (e.g. a purpose, one bar per policy version). */
    record ShareGroup(String heading, List<Share> shares) {
    }

    /**
     * Groups of horizontal bars, each a share from 0 % to 100 % with its label before it and its figures after it.
     *
     * @param id          a unique id
     * @param title       the chart's title
     * @param description its text alternative
     */
    static String shareGroups(String id, String title, String description, List<ShareGroup> groups) {
        int rowHeight = 22;
        int headingHeight = 22;
        int rows = groups.stream().mapToInt(g -> g.shares().size()).sum();
        int height = TOP + groups.size() * headingHeight + rows * rowHeight + 8;
        StringBuilder svg = open(id, title, description, WIDTH, height);
        int labelWidth = 110;
        int barSpace = WIDTH - labelWidth - 140;
        int y = TOP;
        for (ShareGroup group : groups) {
            svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" font-size=\"13\" font-weight=\"bold\">%s</text>",
                    y + 15, Html.escape(group.heading())));
            y += headingHeight;
            for (int i = 0; i < group.shares().size(); i++) {
                Share share = group.shares().get(i);
                double w = share.whole() == 0 ? 0 : barSpace * share.part() / (double) share.whole();
                svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">%s</text>",
                        labelWidth - 6, y + 14, Html.escape(share.label())));
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"#eee\"/>",
                        labelWidth, y + 2, barSpace));
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\"/>",
                        labelWidth, y + 2, w, COLOURS[i % COLOURS.length]));
                svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s (%d of %d)</text>",
                        labelWidth + barSpace + 6, y + 14, Html.percent(share.part(), share.whole()), share.part(),
                        share.whole()));
                y += rowHeight;
            }
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String id, String title, String description, int width, int height) {
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"chart\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" aria-labelledby=\"")
                .append(id).append("-title ").append(id).append("-desc\">")
                .append("<title id=\"").append(id).append("-title\">").append(Html.escape(title)).append("</title>")
                .append("<desc id=\"").append(id).append("-desc\">").append(Html.escape(description)).append("</desc>");
        return svg;
    }
}
