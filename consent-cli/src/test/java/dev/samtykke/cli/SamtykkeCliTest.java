package dev.samtykke.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SamtykkeCliTest {

    record Result(int code, String out, String err) {
    }

    @TempDir
    Path dir;

    Path jackon;
    Path jackonYaml;
    Path shop;
    Path broken;
    Path malformed;

    static String resource(String name) throws IOException {
        try (InputStream in = SamtykkeCliTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @BeforeEach
    void files() throws IOException {
        jackon = write("jackon.json", resource("policies/jackon.json"));
        jackonYaml = write("jackon.yaml", resource("policies/jackon.yaml"));
        shop = write("shop.json", resource("diff/base.json"));
        broken = write("broken.json", resource("diff/base.json")
                .replace("\"category\": \"analytics\"", "\"category\": \"analytic\"")
                .replace("\"retention\": \"P30D\"", "\"retention\": \"30 days\""));
        malformed = write("malformed.json", "{\n  \"id\": \"x\",\n  \"version\": \n}");
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new SamtykkeCli().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    String path(Path file) {
        return file.toString();
    }

    @Nested
    class Usage {
        @Test
        void printsHelpAndSucceeds() {
            for (String help : new String[] {"--help", "-h", "help"}) {
                Result r = run(help);
                assertThat(r.code()).isEqualTo(SamtykkeCli.OK);
                assertThat(r.out()).contains("Usage: java -jar samtykke-cli.jar", "lint FILE", "render FILE", "diff OLD NEW", "cookies FILE");
                assertThat(r.err()).isEmpty();
            }
        }

        @Test
        void printsUsageOnStandardErrorWithoutArguments() {
            Result r = run();
            assertThat(r.code()).isEqualTo(SamtykkeCli.USAGE);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("Usage:");
        }

        @Test
        void rejectsUnknownCommand() {
            Result r = run("publish", "x.json");
            assertThat(r.code()).isEqualTo(SamtykkeCli.USAGE);
            assertThat(r.err()).contains("samtykke: unknown command 'publish'", "--help");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "lint                                | lint needs at least one FILE",
                "render                              | render needs one FILE",
                "render JACKON JACKON                | render needs one FILE, got 2",
                "render JACKON --format              | option --format needs a value",
                "render JACKON --format pdf          | unknown format 'pdf'",
                "render JACKON --colour red          | unknown option '--colour'",
                "render JACKON --lang de             | policy 'jackon' has no locale 'de' (locales: nb, en)",
                "render JACKON --lang nb --lang en   | option --lang given twice",
                "diff JACKON                         | diff needs two files, OLD and NEW",
                "cookies                             | cookies needs one FILE",
                "cookies JACKON --lang=fr            | policy 'jackon' has no locale 'fr'",
                "lint --strict JACKON                | lint: unknown option '--strict'",
        })
        void exitsWithTwoOnWrongArguments(String line, String message) {
            Result r = run(line.replace("JACKON", path(jackon)).trim().split("\\s+"));
            assertThat(r.code()).isEqualTo(SamtykkeCli.USAGE);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains(message);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({"lint", "render", "cookies"})
        void exitsWithTwoOnAMissingFile(String command) {
            Result r = run(command, dir.resolve("nowhere.json").toString());
            assertThat(r.code()).isEqualTo(SamtykkeCli.USAGE);
            assertThat(r.err()).contains("cannot read " + dir.resolve("nowhere.json") + ": no such file");
        }

        @Test
        void exitsWithTwoOnADirectory() {
            Result r = run("lint", dir.toString());
            assertThat(r.code()).isEqualTo(SamtykkeCli.USAGE);
            assertThat(r.err()).contains("not a regular file");
        }
    }

    @Nested
    class Lint {
        @Test
        void passesTheReferencePolicyInJsonAndYaml() {
            Result r = run("lint", path(jackon), path(jackonYaml));
            assertThat(r.code()).isEqualTo(SamtykkeCli.OK);
            assertThat(r.out()).contains(path(jackon) + ": OK (policy jackon 1.0: 6 purposes, 4 services, 6 cookies; locales nb, en)",
                    path(jackonYaml) + ": OK");
            assertThat(r.err()).isEmpty();
        }

        @Test
        void printsEveryProblemWithItsPathAndFails() {
            Result r = run("lint", path(broken));
            assertThat(r.code()).isEqualTo(SamtykkeCli.FAILED);
            assertThat(r.out()).contains(
                    path(broken) + ": purposes[1].category: unknown category 'analytic'",
                    path(broken) + ": purposes[3].category: unknown category 'analytic'",
                    path(broken) + ": purposes[0].retention: invalid ISO-8601 duration '30 days'",
                    path(broken) + ": 3 problems");
        }

        @Test
        void reportsMalformedJsonWithItsLineAndFails() {
            Result r = run("lint", path(malformed));
            assertThat(r.code()).isEqualTo(SamtykkeCli.FAILED);
            assertThat(r.out()).contains(path(malformed) + ": not well-formed JSON at line 4", path(malformed) + ": 1 problem");
        }

        @Test
        void failsWhenAnyOfSeveralFilesHasProblems() {
            Result r = run("lint", path(jackon), path(broken));
            assertThat(r.code()).isEqualTo(SamtykkeCli.FAILED);
            assertThat(r.out()).contains(path(jackon) + ": OK", path(broken) + ": 3 problems");
        }
    }

    @Nested
    class Render {
        @ParameterizedTest(name = "{0} {1}")
        @CsvSource({"nb, html", "en, html", "nb, md", "en, md"})
        void printsTheNoticeAsInTheGoldenFile(String language, String format) throws IOException {
            Result r = run("render", path(jackon), "--format", format, "--lang", language);
            assertThat(r.code()).isEqualTo(SamtykkeCli.OK);
            assertThat(r.out()).isEqualTo(resource("notice/jackon-" + language + "." + format));
            assertThat(r.err()).isEmpty();
        }

        @Test
        void defaultsToHtmlInTheDefaultLocale() throws IOException {
            Result r = run("render", path(jackonYaml));
            assertThat(r.code()).isEqualTo(SamtykkeCli.OK);
            assertThat(r.out()).isEqualTo(resource("notice/jackon-nb.html"));
        }

        @Test
        void acceptsOptionsWithEqualsSign() throws IOException {
            Result r = run("render", "--format=md", "--lang=en", path(jackon));
            assertThat(r.out()).isEqualTo(resource("notice/jackon-en.md"));
        }

        @Test
        void failsOnAnInvalidPolicy() {
            Result r = run("render", path(broken));
            assertThat(r.code()).isEqualTo(SamtykkeCli.FAILED);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains(path(broken) + " is not a valid policy (3 problems):", "purposes[1].category: unknown category");
        }
    }

    @Nested
    class Diff {
        private String withCookie(String version) throws IOException {
            return resource("diff/base.json").replace("\"version\": \"1.0\"", "\"version\": \"" + version + "\"")
                    .replace("\"cookies\": [{\"name\": \"_ga\",",
                            "\"cookies\": [{\"name\": \"_gid\", \"party\": \"first\", \"duration\": \"P1D\"}, {\"name\": \"_ga\",");
        }

        @Test
        void findsNoDifferenceBetweenJsonAndYaml() {
            Result r = run("diff", path(jackon), path(jackonYaml));
            assertThat(r.code()).isEqualTo(SamtykkeCli.OK);
            assertThat(r.out()).contains("jackon 1.0 -> 1.0: 0 differences", "change: NONE", "OK: no change");
        }

        @Test
        void failsWhenAMajorChangeHasAMinorBump() throws IOException {
            Path next = write("next.json", withCookie("1.1"));
            Result r = run("diff", path(shop), path(next));
            assertThat(r.code()).isEqualTo(SamtykkeCli.FAILED);
            assertThat(r.out()).contains("shop 1.0 -> 1.1: 1 difference",
                    "MAJOR services[ga].cookies[_gid] [consent-cookie-added] cookie '_gid' added to service 'Google Analytics 4'",
                    "change: MAJOR; required version: 2.0 or later; found: 1.1",
                    "FAILED: MAJOR change: needs version 2.0 or later, found 1.1");
            assertThat(r.err()).contains("samtykke: version bump too small");
        }

        @Test
        void passesAMajorChangeWithAMajorBump() throws IOException {
            Path next = write("next.json", withCookie("2.0"));
            Result r = run("diff", path(shop), path(next));
            assertThat(r.code()).isEqualTo(SamtykkeCli.OK);
            assertThat(r.out()).contains("OK: MAJOR change: version 2.0 is fine");
        }

        @Test
        void reversingTheChangeIsMinor() throws IOException {
            Path before = write("before.json", withCookie("2.0"));
            Path after = write("after.json", resource("diff/base.json").replace("\"version\": \"1.0\"", "\"version\": \"2.1\""));
            Result r = run("diff", path(before), path(after));
            assertThat(r.code()).isEqualTo(SamtykkeCli.OK);
            assertThat(r.out()).contains("MINOR services[ga].cookies[_gid] [cookie-removed]", "change: MINOR; required version: 2.1 or later");
        }

        @Test
        void failsWhenAChangeKeepsTheVersion() throws IOException {
            Path next = write("next.json", resource("diff/base.json").replace("Forbedre nettstedet.", "Forbedre butikken."));
            Result r = run("diff", path(shop), path(next));
            assertThat(r.code()).isEqualTo(SamtykkeCli.FAILED);
            assertThat(r.out()).contains("MINOR purposes[analytics].description [text-changed] text changed (nb)",
                    "FAILED: MINOR change: needs version 1.1 or later, found 1.0");
        }

        @Test
        void failsOnAnInvalidPolicy() {
            Result r = run("diff", path(shop), path(broken));
            assertThat(r.code()).isEqualTo(SamtykkeCli.FAILED);
            assertThat(r.err()).contains(path(broken) + " is not a valid policy");
        }

        @Test
        void exitsWithTwoOnAMissingFile() {
            Result r = run("diff", path(shop), dir.resolve("gone.json").toString());
            assertThat(r.code()).isEqualTo(SamtykkeCli.USAGE);
            assertThat(r.err()).contains("no such file");
        }
    }

    @Nested
    class Cookies {
        @Test
        void printsTheCookieTableAsCsv() {
            Result r = run("cookies", path(jackon), "--lang", "en");
            assertThat(r.code()).isEqualTo(SamtykkeCli.OK);
            assertThat(r.out().split("\r\n", -1)).containsExactly(
                    "name,service,provider,purposes,consentRequired,party,domain,duration,durationText,description",
                    "JSESSIONID,Jackon.no,Jackon AS,requested-content security,false,first,,session,Session,Session identifier.",
                    "consent,Samtykke,Jackon AS,legal-obligations,false,first,,P12M,12 months,\"Your consent choices, signed, without personal data.\"",
                    "_ga,Google Analytics 4,Google Ireland Limited,analytics,true,first,,P2Y,2 years,Distinguishes visitors.",
                    "_ga_*,Google Analytics 4,Google Ireland Limited,analytics,true,first,,P2Y,2 years,Keeps the session state.",
                    "_fbp,Meta Pixel,Meta Platforms Ireland Limited,marketing,true,first,,P3M,3 months,Recognises the browser for advertising.",
                    "_fbc,Meta Pixel,Meta Platforms Ireland Limited,marketing,true,first,,P3M,3 months,Remembers which advert you came from.",
                    "");
        }

        @Test
        void readsDurationsAndDescriptionsInTheDefaultLocale() {
            Result r = run("cookies", path(jackon));
            assertThat(r.out()).contains("\r\n_ga,Google Analytics 4,Google Ireland Limited,analytics,true,first,,P2Y,2 år,Skiller besøkende fra hverandre.\r\n");
        }

        @Test
        void quotesFieldsAsRfc4180Says() throws IOException {
            Path quoted = write("quoted.json", resource("diff/base.json").replace("\"Skiller brukere.\"",
                    "\"Skiller \\\"brukere\\\", økter\\nog enheter.\""));
            Result r = run("cookies", path(quoted));
            assertThat(r.code()).isEqualTo(SamtykkeCli.OK);
            assertThat(r.out()).contains("\r\n_ga,Google Analytics 4,Google Ireland Limited,analytics,true,first,,P2Y,2 år,"
                    + "\"Skiller \"\"brukere\"\", økter\nog enheter.\"\r\n");
            assertThat(r.out()).contains("\r\nIDE,Google Ads,Google Ireland Limited,analytics marketing,true,third,doubleclick.net,P13M,13 måneder,\r\n");
        }

        @Test
        void failsOnAnInvalidPolicy() {
            Result r = run("cookies", path(malformed));
            assertThat(r.code()).isEqualTo(SamtykkeCli.FAILED);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("is not a valid policy (1 problem):", "not well-formed JSON");
        }
    }

    @Test
    void quotesCsvFieldsOnlyWhenNeeded() {
        assertThat(CookieCsv.field("plain")).isEqualTo("plain");
        assertThat(CookieCsv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(CookieCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CookieCsv.field("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
        assertThat(CookieCsv.field("")).isEmpty();
    }
}
