package dev.samtykke.scanner;

import java.util.List;

/**
 * The result of a scan.
 *
 * @param pages the pages visited, in crawl order
 * @param visits every visit (three per page)
 * @param findings what the scan found, errors before warnings
 * @param suggestions Open Cookie Database suggestions for the undeclared items
 */
public record ScanReport(List<String> pages, List<PageVisit> visits, List<Finding> findings, List<Suggestion> suggestions) {
    /** Creates a report. */
    public ScanReport {
        pages = List.copyOf(pages);
        visits = List.copyOf(visits);
        findings = List.copyOf(findings);
        suggestions = List.copyOf(suggestions);
    }

    /** Whether any finding is not a warning. */
    public boolean failed() {
        return findings.stream().anyMatch(f -> !f.warning());
    }

    /** 0 when no finding but warnings, 1 when there are findings (the CLI's exit code; 2 is for errors). */
    public int exitCode() {
        return failed() ? 1 : 0;
    }
}
