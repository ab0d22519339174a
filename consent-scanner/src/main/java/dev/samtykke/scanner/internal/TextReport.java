package dev.samtykke.scanner.internal;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import dev.samtykke.scanner.Finding;
import dev.samtykke.scanner.ScanReport;
import dev.samtykke.scanner.Suggestion;

import java.util.List;

/** The console report: a table of findings, then the suggestions with a fragment to paste into the policy. */
public final class TextReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TextReport() {
    }

    /** The report as text. */
    public static String write(ScanReport report) {
        StringBuilder out = new StringBuilder();
        long errors = report.findings().stream().filter(f -> !f.warning()).count();
        long warnings = report.findings().size() - errors;
        out.append("Scanned ").append(report.pages().size()).append(" page(s) in 3 states: ").append(errors)
                .append(" finding(s), ").append(warnings).append(" warning(s)\n");
        report.visits().stream().filter(v -> v.error() != null).forEach(v ->
                out.append("  could not visit ").append(v.url()).append(" (").append(v.state()).append("): ").append(v.error()).append('\n'));
        if (!report.findings().isEmpty()) {
            List<String> header = List.of("KIND", "NAME", "STATE", "PAGE");
            int[] width = {header.get(0).length(), header.get(1).length(), header.get(2).length()};
            for (Finding f : report.findings()) {
                width[0] = Math.max(width[0], f.kind().id().length());
                width[1] = Math.min(40, Math.max(width[1], f.name().length()));
                width[2] = Math.max(width[2], f.state().id().length());
            }
            out.append('\n');
            row(out, width, header.get(0), header.get(1), header.get(2), header.get(3));
            for (Finding f : report.findings()) {
                row(out, width, f.kind().id(), f.name(), f.state().id(), f.page() == null ? "-" : f.page());
                out.append("    ").append(f.detail()).append('\n');
            }
        }
        if (!report.suggestions().isEmpty()) {
            out.append("\nSuggestions from the Open Cookie Database (review before pasting into a service's \"cookies\"):\n");
            for (Suggestion s : report.suggestions()) {
                out.append("  ").append(s.name()).append(": ").append(s.known()
                        ? s.platform() + " (" + s.provider() + "), category " + s.category() + ", retention " + s.retention()
                        : "not in the database").append('\n');
                try {
                    out.append("    ").append(JSON.writeValueAsString(PolicyFragment.declaration(s))).append('\n');
                } catch (JacksonException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out.toString();
    }

    private static void row(StringBuilder out, int[] width, String kind, String name, String state, String page) {
        out.append(pad(kind, width[0])).append("  ").append(pad(name, width[1])).append("  ")
                .append(pad(state, width[2])).append("  ").append(page).append('\n');
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
