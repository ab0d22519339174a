package dev.samtykke.cli;

import dev.samtykke.core.diff.PolicyDiff;
import dev.samtykke.core.diff.PolicyDifference;
import dev.samtykke.core.notice.NoticeFormat;
import dev.samtykke.core.notice.NoticeRenderer;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyLoadException;
import dev.samtykke.core.policy.PolicyLoader;
import dev.samtykke.core.policy.PolicyProblem;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code samtykke} command-line tool for policy repositories:
 * {@code lint}, {@code render}, {@code diff}, {@code cookies} and {@code scan}. Run it with
 * {@code java -jar samtykke-cli.jar <command> …}; {@code --help} lists the commands.
 *
 * <p>Exit codes: {@value #OK} success; {@value #FAILED} a policy has problems, or {@code diff} finds
 * the version bump too small; {@value #USAGE} a usage error or a file that cannot be read.
 */
public final class SamtykkeCli {

    /** Exit code: the command succeeded. */
    public static final int OK = 0;
    /** Exit code: a policy has problems, or the version bump is too small. */
    public static final int FAILED = 1;
    /** Exit code: wrong arguments, or a file that cannot be read. */
    public static final int USAGE = 2;

    static final String USAGE_TEXT = """
            Usage: java -jar samtykke-cli.jar <command> [arguments]

            Commands:
              lint FILE...                  Check policy files; print every problem with its path.
                                            Exit 1 if any file has a problem.
              render FILE [--format html|md] [--lang TAG]
                                            Print the privacy notice (purposes, legal bases, services,
                                            cookies, processors, rights) as an HTML fragment (default)
                                            or Markdown, in one of the policy's locales (default: its
                                            default locale).
              diff OLD NEW                  Print every difference with its path and rule, the change
                                            level (MAJOR or MINOR) and the version it requires.
                                            Exit 1 if NEW's version is not bumped far enough.
              cookies FILE [--lang TAG]     Print the cookie table as CSV (RFC 4180, with a header).
              scan --policy FILE --url URL [--url URL...] [--max-pages N] [--max-depth N]
                   [--exclude PATH]... [--header 'Name: value']... [--cookie name=value]...
                   [--page-timeout SECONDS] [--format text|json|junit|html] [--out FILE]
                   [--chromium PATH] [--chromedriver PATH]
                                            Crawl a running site in headless Chromium (same-site
                                            links, breadth first, 50 pages by default), each page
                                            before a decision, after "Reject all" and after "Accept
                                            all", and report what the policy does not say. Exit 1
                                            on findings, 2 if the site or Chromium is missing
                                            (apt-get install -y chromium chromium-driver).
              help                          Print this text (also --help, -h).

            Policy files are JSON, or YAML when their name ends in .yaml or .yml.
            Exit codes: 0 success; 1 a policy has problems, the version bump is too small, or
            the scan has findings; 2 a usage error, a file that cannot be read, or (scan) a
            site that cannot be reached or a missing Chromium.
            """;

    /** A failure that ends the command with an exit code and a message on standard error. */
    static final class Exit extends Exception {
        private static final long serialVersionUID = 1L;
        private final int code;

        Exit(int code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    /** Creates the tool; it keeps no state between runs. */
    public SamtykkeCli() {
    }

    /**
     * Runs the tool and exits the JVM with its exit code. Output is UTF-8.
     *
     * @param args the command and its arguments
     */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int code = new SamtykkeCli().run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs one command.
     *
     * @param args the command and its arguments, e.g. {@code lint policy.json}
     * @param out where the command's output goes
     * @param err where errors and usage hints go
     * @return the exit code: {@link #OK}, {@link #FAILED} or {@link #USAGE}
     */
    public int run(String[] args, PrintStream out, PrintStream err) {
        Objects.requireNonNull(args, "args");
        if (args.length == 0) {
            err.print(USAGE_TEXT);
            return USAGE;
        }
        String command = args[0];
        List<String> rest = List.of(args).subList(1, args.length);
        try {
            return switch (command) {
                case "help", "--help", "-h" -> {
                    out.print(USAGE_TEXT);
                    yield OK;
                }
                case "lint" -> lint(rest, out);
                case "render" -> render(rest, out);
                case "diff" -> diff(rest, out, err);
                case "cookies" -> cookies(rest, out);
                case "scan" -> ScanCommand.run(rest, out, err);
                default -> throw new Exit(USAGE, "unknown command '" + command + "' (commands: lint, render, diff, cookies, scan, help)");
            };
        } catch (Exit e) {
            err.println("samtykke: " + e.getMessage());
            if (e.code == USAGE) {
                err.println("Run with --help for usage.");
            }
            return e.code;
        }
    }

    // --- commands -------------------------------------------------------------------------------

    private int lint(List<String> args, PrintStream out) throws Exit {
        Arguments a = Arguments.parse("lint", args, Set.of());
        if (a.files.isEmpty()) {
            throw new Exit(USAGE, "lint needs at least one FILE");
        }
        int code = OK;
        for (String file : a.files) {
            Checked checked = check(file);
            if (checked.problems.isEmpty()) {
                ConsentPolicy p = checked.policy;
                int cookies = p.services().stream().mapToInt(s -> s.cookies().size()).sum();
                out.println(file + ": OK (policy " + p.id() + " " + p.version() + ": " + p.purposes().size() + " purposes, "
                        + p.services().size() + " services, " + cookies + " cookies; locales "
                        + p.locales().stream().map(Locale::toLanguageTag).collect(Collectors.joining(", ")) + ")");
            } else {
                for (PolicyProblem problem : checked.problems) {
                    out.println(file + ": " + problem);
                }
                out.println(file + ": " + checked.problems.size() + (checked.problems.size() == 1 ? " problem" : " problems"));
                code = FAILED;
            }
        }
        return code;
    }

    private int render(List<String> args, PrintStream out) throws Exit {
        Arguments a = Arguments.parse("render", args, Set.of("--format", "--lang"));
        String file = a.single("render needs one FILE");
        String formatName = a.options.getOrDefault("--format", "html");
        NoticeFormat format = NoticeFormat.fromId(formatName)
                .orElseThrow(() -> new Exit(USAGE, "unknown format '" + formatName + "' (formats: html, md)"));
        ConsentPolicy policy = load(file);
        out.print(NoticeRenderer.render(policy, locale(policy, a.options.get("--lang")), format));
        return OK;
    }

    private int diff(List<String> args, PrintStream out, PrintStream err) throws Exit {
        Arguments a = Arguments.parse("diff", args, Set.of());
        if (a.files.size() != 2) {
            throw new Exit(USAGE, "diff needs two files, OLD and NEW");
        }
        ConsentPolicy before = load(a.files.get(0));
        ConsentPolicy after = load(a.files.get(1));
        PolicyDiff diff = PolicyDiff.between(before, after);
        out.println(after.id() + " " + diff.oldVersion() + " -> " + diff.newVersion() + ": " + diff.differences().size()
                + (diff.differences().size() == 1 ? " difference" : " differences"));
        for (PolicyDifference difference : diff.differences()) {
            out.println(difference);
        }
        out.println("change: " + diff.level() + "; required version: " + diff.requiredVersion()
                + (diff.hasChanges() ? " or later" : " (or later)") + "; found: " + diff.newVersion());
        if (!diff.isBumpSufficient()) {
            out.println("FAILED: " + diff.versionCheckMessage());
            err.println("samtykke: version bump too small: " + diff.versionCheckMessage());
            return FAILED;
        }
        out.println("OK: " + diff.versionCheckMessage());
        return OK;
    }

    private int cookies(List<String> args, PrintStream out) throws Exit {
        Arguments a = Arguments.parse("cookies", args, Set.of("--lang"));
        String file = a.single("cookies needs one FILE");
        ConsentPolicy policy = load(file);
        out.print(CookieCsv.of(policy, locale(policy, a.options.get("--lang"))));
        return OK;
    }

    // --- helpers --------------------------------------------------------------------------------

    private static Locale locale(ConsentPolicy policy, String tag) throws Exit {
        if (tag == null) {
            return policy.defaultLocale();
        }
        for (Locale locale : policy.locales()) {
            if (locale.toLanguageTag().equalsIgnoreCase(tag)) {
                return locale;
            }
        }
        throw new Exit(USAGE, "policy '" + policy.id() + "' has no locale '" + tag + "' (locales: "
                + policy.locales().stream().map(Locale::toLanguageTag).collect(Collectors.joining(", ")) + ")");
    }

    /** A policy as read, with its problems. */
    private record Checked(ConsentPolicy policy, List<PolicyProblem> problems) {
    }

    private static Checked check(String file) throws Exit {
        Path path = Path.of(file);
        byte[] bytes;
        try {
            if (!Files.isRegularFile(path)) {
                throw new Exit(USAGE, "cannot read " + file + ": " + (Files.exists(path) ? "not a regular file" : "no such file"));
            }
            if (Files.size(path) > PolicyLoader.MAX_SIZE) {
                return new Checked(null, List.of(new PolicyProblem("", "file is larger than " + PolicyLoader.MAX_SIZE + " bytes")));
            }
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new Exit(USAGE, "cannot read " + file + ": " + e.getMessage());
        }
        try {
            PolicyLoader.Result result = PolicyLoader.check(bytes, PolicyLoader.Format.ofName(file), file);
            return new Checked(result.policy(), result.problems());
        } catch (PolicyLoadException e) {
            String prefix = "Cannot load consent policy from " + file + ": ";
            String message = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
            return new Checked(null, List.of(new PolicyProblem("", message)));
        }
    }

    /** Loads a valid policy for a command that uses it (scan): exit 2 if it has problems or is unreadable. */
    static ConsentPolicy loadForUse(String file) throws Exit {
        try {
            return load(file);
        } catch (Exit e) {
            throw new Exit(USAGE, e.getMessage());
        }
    }

    /** Loads a valid policy, or ends the command: exit 1 listing the problems, exit 2 if unreadable. */
    private static ConsentPolicy load(String file) throws Exit {
        Checked checked = check(file);
        if (!checked.problems.isEmpty()) {
            throw new Exit(FAILED, file + " is not a valid policy (" + checked.problems.size()
                    + (checked.problems.size() == 1 ? " problem" : " problems") + "):"
                    + checked.problems.stream().map(p -> "\n  " + p).collect(Collectors.joining()));
        }
        return checked.policy;
    }

    /** Files and {@code --name value} (or {@code --name=value}) options of one command. */
    private record Arguments(List<String> files, Map<String, String> options) {

        static Arguments parse(String command, List<String> args, Set<String> known) throws Exit {
            List<String> files = new ArrayList<>();
            Map<String, String> options = new LinkedHashMap<>();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.startsWith("--") || (arg.startsWith("-") && arg.length() > 1)) {
                    int eq = arg.indexOf('=');
                    String name = eq < 0 ? arg : arg.substring(0, eq);
                    if (!known.contains(name)) {
                        throw new Exit(USAGE, command + ": unknown option '" + name + "'"
                                + (known.isEmpty() ? "" : " (options: " + String.join(", ", known) + ")"));
                    }
                    String value;
                    if (eq >= 0) {
                        value = arg.substring(eq + 1);
                    } else if (i + 1 < args.size()) {
                        value = args.get(++i);
                    } else {
                        throw new Exit(USAGE, command + ": option " + name + " needs a value");
                    }
                    if (options.put(name, value) != null) {
                        throw new Exit(USAGE, command + ": option " + name + " given twice");
                    }
                } else {
                    files.add(arg);
                }
            }
            return new Arguments(List.copyOf(files), Map.copyOf(options));
        }

        String single(String message) throws Exit {
            if (files.size() != 1) {
                throw new Exit(USAGE, message + (files.isEmpty() ? "" : ", got " + files.size()));
            }
            return files.get(0);
        }
    }
}
