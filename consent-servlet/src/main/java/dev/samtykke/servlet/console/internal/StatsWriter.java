package dev.samtykke.servlet.console.internal;

import dev.samtykke.core.stats.DailyStats;
import dev.samtykke.core.stats.StatsReport;
import dev.samtykke.servlet.internal.Json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A {@link StatsReport} as the stats API's JSON and as CSV. */
public final class StatsWriter {

    private StatsWriter() {
    }

    /**
     * {@code {"from","to","days":[{"date","impressions","decisions":{…},"granted":{…},"denied":{…}}]}}.
     *
     * @param report the report
     * @return UTF-8 JSON
     */
    public static byte[] json(StatsReport report) {
        return Json.write(json -> {
            json.writeStartObject();
            json.writeStringProperty("from", report.from().toString());
            json.writeStringProperty("to", report.to().toString());
            json.writeArrayPropertyStart("days");
            for (DailyStats day : report.days()) {
                json.writeStartObject();
                json.writeStringProperty("date", day.date().toString());
                json.writeNumberProperty("impressions", day.impressions());
                writeCounts(json, "decisions", day.decisions());
                writeCounts(json, "granted", day.granted());
                writeCounts(json, "denied", day.denied());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private static void writeCounts(tools.jackson.core.JsonGenerator json, String name, Map<String, Long> counts) {
        json.writeObjectPropertyStart(name);
        counts.forEach((key, n) -> json.writeNumberProperty(key, n.longValue()));
        json.writeEndObject();
    }

    /**
     * One line per day: {@code date,impressions,accept-all,reject-all,custom,withdraw}, then {@code granted:<purpose>}
     * and {@code denied:<purpose>} for the given purposes and any other the report counts.
     *
     * @param report   the report
     * @param purposes the purposes to list first, in order (the policy's consent-based ones)
     * @return UTF-8 CSV, lines ending in CRLF (RFC 4180)
     */
    public static byte[] csv(StatsReport report, List<String> purposes) {
        Set<String> columns = new LinkedHashSet<>(purposes);
        for (DailyStats day : report.days()) {
            columns.addAll(new java.util.TreeSet<>(day.granted().keySet()));
            columns.addAll(new java.util.TreeSet<>(day.denied().keySet()));
        }
        StringBuilder csv = new StringBuilder(64 * (report.days().size() + 1));
        List<String> header = new ArrayList<>(List.of("date", "impressions"));
        header.addAll(DailyStats.KINDS);
        columns.forEach(p -> header.add("granted:" + p));
        columns.forEach(p -> header.add("denied:" + p));
        line(csv, header);
        for (DailyStats day : report.days()) {
            List<String> cells = new ArrayList<>(header.size());
            cells.add(day.date().toString());
            cells.add(Long.toString(day.impressions()));
            DailyStats.KINDS.forEach(k -> cells.add(Long.toString(day.decisions().getOrDefault(k, 0L))));
            columns.forEach(p -> cells.add(Long.toString(day.granted().getOrDefault(p, 0L))));
            columns.forEach(p -> cells.add(Long.toString(day.denied().getOrDefault(p, 0L))));
            line(csv, cells);
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells.get(i)));
        }
        csv.append("\r\n");
    }

    /** A cell quoted where needed, and one a spreadsheet would take for a formula made inert with a quote mark. */
    static String cell(String value) {
        String v = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
