package dev.samtykke.scanner.internal;

import dev.samtykke.scanner.Finding;
import dev.samtykke.scanner.ScanReport;

import static dev.samtykke.scanner.internal.Markup.escape;

/**
 * JUnit XML, so that CI shows each finding as a failed test case ({@code unused} warnings as skipped
 * ones) and each page that was visited cleanly as a passing one.
 */
public final class JunitReport {

    private JunitReport() {
    }

    /** The report as JUnit XML. */
    public static String write(ScanReport report) {
        long failures = report.findings().stream().filter(f -> !f.warning()).count();
        long skipped = report.findings().size() - failures;
        int tests = report.findings().size() + report.pages().size();
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append("<testsuite name=\"samtykke-scan\" tests=\"").append(tests).append("\" failures=\"").append(failures)
                .append("\" errors=\"0\" skipped=\"").append(skipped).append("\">\n");
        for (String page : report.pages()) {
            out.append("  <testcase classname=\"samtykke.scan.pages\" name=\"").append(escape(page)).append("\"/>\n");
        }
        for (Finding f : report.findings()) {
            out.append("  <testcase classname=\"samtykke.scan.").append(f.kind().id()).append("\" name=\"")
                    .append(escape(f.name() + " (" + f.state().id() + (f.page() == null ? "" : ", " + f.page()) + ")")).append("\">\n");
            if (f.warning()) {
                out.append("    <skipped message=\"").append(escape(f.detail())).append("\"/>\n");
            } else {
                out.append("    <failure type=\"").append(f.kind().id()).append("\" message=\"").append(escape(f.detail()))
                        .append("\">").append(escape(f.detail())).append("</failure>\n");
            }
            out.append("  </testcase>\n");
        }
        return out.append("</testsuite>\n").toString();
    }
}
