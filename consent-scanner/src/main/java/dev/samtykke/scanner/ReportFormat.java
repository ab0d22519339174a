package dev.samtykke.scanner;

import dev.samtykke.scanner.internal.HtmlReport;
import dev.samtykke.scanner.internal.JsonReport;
import dev.samtykke.scanner.internal.JunitReport;
import dev.samtykke.scanner.internal.TextReport;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/** The formats a {@link ScanReport} is written in. */
public enum ReportFormat {
    /** A console table of findings, then the suggestions and a policy fragment to paste. */
    TEXT("text", TextReport::write),
    /** {@code {"pages":[…], "findings":[{"kind","name","page","state","detail"}…], "suggestions":[…]}}. */
    JSON("json", JsonReport::write),
    /** JUnit XML: one test case per finding (failed unless a warning) and one passing case per page. */
    JUNIT("junit", JunitReport::write),
    /** A self-contained HTML page with the findings and a screenshot of each state of the start page. */
    HTML("html", HtmlReport::write);

    private final String id;
    private final Function<ScanReport, String> writer;

    ReportFormat(String id, Function<ScanReport, String> writer) {
        this.id = id;
        this.writer = writer;
    }

    /** The name on the command line: {@code text}, {@code json}, {@code junit}, {@code html}. */
    public String id() {
        return id;
    }

    /** The report in this format. */
    public String write(ScanReport report) {
        return writer.apply(report);
    }

    /** The format with a name. */
    public static Optional<ReportFormat> fromId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }
}
