package dev.samtykke.cli;

import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.scanner.ReportFormat;
import dev.samtykke.scanner.ScanException;
import dev.samtykke.scanner.ScanOptions;
import dev.samtykke.scanner.ScanReport;
import dev.samtykke.scanner.SiteScanner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code scan --policy FILE --url URL [--url URL…] [options]}: scans a running site with
 * {@link SiteScanner} and writes the report. Exit 0 when there is no finding (warnings allowed),
 * 1 with findings, 2 on a usage error, an unreadable policy, a missing browser or an unreachable site.
 */
final class ScanCommand {

    /** Options that may be given more than once. */
    private static final Set<String> REPEATABLE = Set.of("--url", "--exclude", "--header", "--cookie");
    private static final Set<String> SINGLE = Set.of("--policy", "--max-pages", "--max-depth", "--format", "--out",
            "--page-timeout", "--chromium", "--chromedriver");

    private ScanCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws SamtykkeCli.Exit {
        Map<String, List<String>> options = parse(args);
        String policyFile = single(options, "--policy");
        if (policyFile == null) {
            throw new SamtykkeCli.Exit(SamtykkeCli.USAGE, "scan needs --policy FILE");
        }
        List<String> urls = options.getOrDefault("--url", List.of());
        if (urls.isEmpty()) {
            throw new SamtykkeCli.Exit(SamtykkeCli.USAGE, "scan needs at least one --url URL");
        }
        String formatName = single(options, "--format") == null ? "text" : single(options, "--format");
        ReportFormat format = ReportFormat.fromId(formatName).orElseThrow(() ->
                new SamtykkeCli.Exit(SamtykkeCli.USAGE, "unknown format '" + formatName + "' (formats: text, json, junit, html)"));
        ConsentPolicy policy = SamtykkeCli.loadForUse(policyFile);

        ScanOptions.Builder b = ScanOptions.builder(urls.get(0)).progress(err);
        urls.subList(1, urls.size()).forEach(b::startUrl);
        options.getOrDefault("--exclude", List.of()).forEach(b::exclude);
        for (String header : options.getOrDefault("--header", List.of())) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new SamtykkeCli.Exit(SamtykkeCli.USAGE, "--header needs 'Name: value', got '" + header + "'");
            }
            b.header(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
        }
        for (String cookie : options.getOrDefault("--cookie", List.of())) {
            int eq = cookie.indexOf('=');
            if (eq <= 0) {
                throw new SamtykkeCli.Exit(SamtykkeCli.USAGE, "--cookie needs name=value");
            }
            b.cookie(cookie.substring(0, eq), cookie.substring(eq + 1));
        }
        b.maxPages(number(options, "--max-pages", 50));
        b.maxDepth(number(options, "--max-depth", 5));
        b.pageTimeout(Duration.ofSeconds(number(options, "--page-timeout", 30)));
        b.browser(Path.of(orDefault(single(options, "--chromium"), "SAMTYKKE_CHROMIUM", "/usr/bin/chromium")),
                Path.of(orDefault(single(options, "--chromedriver"), "SAMTYKKE_CHROMEDRIVER", "/usr/bin/chromedriver")));
        ScanOptions scanOptions;
        try {
            scanOptions = b.build();
        } catch (IllegalArgumentException e) {
            throw new SamtykkeCli.Exit(SamtykkeCli.USAGE, e.getMessage());
        }

        ScanReport report;
        try {
            report = SiteScanner.scan(policy, scanOptions);
        } catch (ScanException e) {
            throw new SamtykkeCli.Exit(SamtykkeCli.USAGE, e.getMessage());
        }
        String text = format.write(report);
        String outFile = single(options, "--out");
        if (outFile == null) {
            out.print(text);
        } else {
            try {
                Files.writeString(Path.of(outFile), text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new SamtykkeCli.Exit(SamtykkeCli.USAGE, "cannot write " + outFile + ": " + e.getMessage());
            }
            err.println("report written to " + outFile);
        }
        long findings = report.findings().stream().filter(f -> !f.warning()).count();
        err.println(report.pages().size() + " page(s) scanned: " + findings + " finding(s), "
                + (report.findings().size() - findings) + " warning(s)");
        return report.exitCode();
    }

    private static Map<String, List<String>> parse(List<String> args) throws SamtykkeCli.Exit {
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
            if (!REPEATABLE.contains(name) && !SINGLE.contains(name)) {
                throw new SamtykkeCli.Exit(SamtykkeCli.USAGE, "scan: unknown " + (arg.startsWith("-") ? "option '" + name + "'"
                        : "argument '" + arg + "'") + " (options: --policy, --url, --max-pages, --max-depth, --exclude, --header,"
                        + " --cookie, --page-timeout, --format, --out, --chromium, --chromedriver)");
            }
            String value;
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new SamtykkeCli.Exit(SamtykkeCli.USAGE, "scan: option " + name + " needs a value");
            }
            List<String> values = options.computeIfAbsent(name, k -> new ArrayList<>());
            if (!values.isEmpty() && SINGLE.contains(name)) {
                throw new SamtykkeCli.Exit(SamtykkeCli.USAGE, "scan: option " + name + " given twice");
            }
            values.add(value);
        }
        return options;
    }

    private static String single(Map<String, List<String>> options, String name) {
        List<String> values = options.get(name);
        return values == null ? null : values.get(0);
    }

    private static int number(Map<String, List<String>> options, String name, int fallback) throws SamtykkeCli.Exit {
        String value = single(options, name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new SamtykkeCli.Exit(SamtykkeCli.USAGE, "scan: " + name + " needs a number, got '" + value + "'");
        }
    }

    private static String orDefault(String option, String env, String fallback) {
        if (option != null) {
            return option;
        }
        String value = System.getenv(env);
        return value == null || value.isBlank() ? fallback : value;
    }
}
