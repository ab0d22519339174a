package dev.samtykke.maven;

import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.scanner.Finding;
import dev.samtykke.scanner.ReportFormat;
import dev.samtykke.scanner.ScanException;
import dev.samtykke.scanner.ScanOptions;
import dev.samtykke.scanner.ScanReport;
import dev.samtykke.scanner.SiteScanner;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/**
 * Scans the running site in headless Chromium (see {@code docs/scanner.md}) and fails the build on a
 * finding. Bound to {@code integration-test}: start the site in {@code pre-integration-test}.
 */
@Mojo(name = "scan", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true, requiresProject = false)
public class ScanMojo extends PolicyMojo {

    /** The start URLs. */
    @Parameter(property = "samtykke.urls", required = true)
    List<String> urls;

    /** Pages visited at most (each three times). */
    @Parameter(property = "samtykke.maxPages", defaultValue = "50")
    int maxPages;

    /** Links followed away from a start URL. */
    @Parameter(property = "samtykke.maxDepth", defaultValue = "5")
    int maxDepth;

    /** {@code robots.txt}-style path exclusions. */
    @Parameter
    List<String> excludes;

    /** The budget of one page visit, in seconds. */
    @Parameter(property = "samtykke.pageTimeout", defaultValue = "30")
    int pageTimeout;

    /** The report's format: {@code text}, {@code json}, {@code junit} or {@code html}. */
    @Parameter(property = "samtykke.format", defaultValue = "junit")
    String format;

    /** Where the report goes; by default {@code target/samtykke-scan/TEST-samtykke-scan.xml} (junit) or {@code report.FORMAT}. */
    @Parameter(property = "samtykke.output")
    File output;

    /** The Chromium binary. */
    @Parameter(property = "samtykke.chromium", defaultValue = "/usr/bin/chromium")
    File chromium;

    /** The ChromeDriver binary. */
    @Parameter(property = "samtykke.chromedriver", defaultValue = "/usr/bin/chromedriver")
    File chromedriver;

    /** Whether a finding fails the build (warnings never do). */
    @Parameter(property = "samtykke.failOnFindings", defaultValue = "true")
    boolean failOnFindings;

    /** The build directory. */
    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    File buildDirectory;

    /** Creates the goal (Maven does). */
    public ScanMojo() {
    }

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        ReportFormat reportFormat = ReportFormat.fromId(format)
                .orElseThrow(() -> new MojoExecutionException("unknown format '" + format + "' (formats: text, json, junit, html)"));
        ConsentPolicy p = load(policy);
        if (urls == null || urls.isEmpty()) {
            throw new MojoExecutionException("samtykke:scan needs <urls>");
        }
        ScanOptions.Builder b = ScanOptions.builder(urls.get(0)).maxPages(maxPages).maxDepth(maxDepth)
                .pageTimeout(Duration.ofSeconds(pageTimeout)).browser(chromium.toPath(), chromedriver.toPath())
                .progress(new PrintStream(System.err, true, StandardCharsets.UTF_8));
        urls.subList(1, urls.size()).forEach(b::startUrl);
        if (excludes != null) {
            excludes.forEach(b::exclude);
        }
        ScanReport report;
        try {
            report = SiteScanner.scan(p, b.build());
        } catch (ScanException | IllegalArgumentException e) {
            throw new MojoExecutionException("Samtykke scan: " + e.getMessage(), e);
        }
        File target = output != null ? output : new File(buildDirectory, "samtykke-scan/"
                + (reportFormat == ReportFormat.JUNIT ? "TEST-samtykke-scan.xml" : "report." + reportFormat.id()));
        try {
            Files.createDirectories(target.getAbsoluteFile().getParentFile().toPath());
            Files.writeString(target.toPath(), reportFormat.write(report), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write " + target + ": " + e.getMessage(), e);
        }
        for (Finding f : report.findings()) {
            String line = f.kind().id() + " " + f.name() + " (" + f.state().id() + "): " + f.detail();
            if (f.warning()) {
                getLog().warn(line);
            } else {
                getLog().error(line);
            }
        }
        getLog().info("Samtykke scan: " + report.pages().size() + " page(s), report " + target);
        if (report.failed() && failOnFindings) {
            throw new MojoFailureException("Samtykke scan: the site does not keep its policy ("
                    + report.findings().stream().filter(f -> !f.warning()).count() + " finding(s)); see " + target);
        }
    }
}
