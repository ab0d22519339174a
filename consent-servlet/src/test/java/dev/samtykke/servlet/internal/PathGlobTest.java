package dev.samtykke.servlet.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class PathGlobTest {

    private static final long SEED = Long.getLong("pathglob.seed", 0x5A175E11L);

    @Test
    void agreesWithTheFormerRegularExpressionOnRandomPatternsAndPaths() {
        Random random = new Random(SEED);
        List<String> disagreements = new ArrayList<>();
        int cases = 0;
        for (int p = 0; p < 4_000; p++) {
            String pattern = randomPattern(random);
            PathGlob glob = PathGlob.compile(pattern);
            Pattern regex = formerRegex(pattern);
            for (int q = 0; q < 50; q++) {
                String path = random.nextInt(4) == 0 ? pathLike(pattern, random) : randomPath(random);
                boolean expected = regex.matcher(path).matches();
                cases++;
                if (glob.matches(path) != expected && disagreements.size() < 20) {
                    disagreements.add(pattern + " vs " + path + ": expected " + expected);
                }
            }
        }
        assertThat(disagreements).as("seed %d (-Dpathglob.seed=%d), %d cases", SEED, SEED, cases).isEmpty();
    }

    @Test
    void matchesThePatternOfTheIssueOnATwoKilobytePathReadingEachCharacterAtMostThreeTimes() {
        // The former regular expression took 2.9 s here: (?:/.*)?/[^/]*(?:/.*)?/[^/]*(?:/.*)?/x backtracks.
        String path = "/a/" + "b/".repeat(1022) + "y";
        CountingChars chars = new CountingChars(path, 3L * path.length());

        assertThat(PathGlob.compile("/a/**/*/**/*/**/x").matches(chars)).isFalse();
        assertThat(chars.reads()).isLessThanOrEqualTo(3L * path.length());
    }

    @Test
    void matchesPathologicalPatternsOnTwoKilobytePathsInWorkBoundedByPathTimesPattern() {
        String[] patterns = {"/a/**/*/**/*/**/x", "/**/*/**/*/**/*/**/*/**/x", "/a/**/b*b*b*b*x/**", "/**/a/a/a/a/a/x"};
        String[] paths = {
                "/a/" + "b/".repeat(1022) + "y",
                "/a/" + "b".repeat(2040) + "/y",
                "/a" + "/a".repeat(1020) + "/y",
                "/a/" + "bbbb/".repeat(408) + "y"};
        for (String pattern : patterns) {
            PathGlob glob = PathGlob.compile(pattern);
            int segments = pattern.split("/").length;
            for (String path : paths) {
                long bound = 2L * path.length() * segments;
                CountingChars chars = new CountingChars(path, bound);
                assertThat(glob.matches(chars)).as(pattern).isFalse();
                assertThat(chars.reads()).as("%s on %d characters", pattern, path.length()).isLessThanOrEqualTo(bound);
            }
        }
    }

    @Test
    void matchesTheDocumentedShapes() {
        assertThat(PathGlob.compile("/**").matches("")).isTrue();
        assertThat(PathGlob.compile("/**").matches("/")).isTrue();
        assertThat(PathGlob.compile("/").matches("/")).isTrue();
        assertThat(PathGlob.compile("/").matches("")).isFalse();
        assertThat(PathGlob.compile("/a/**/").matches("/a/")).isTrue();
        assertThat(PathGlob.compile("/a/**/").matches("/a/b/c/")).isTrue();
        assertThat(PathGlob.compile("/a/**/").matches("/a/b")).isFalse();
        assertThat(PathGlob.compile("/a/*").matches("/a/")).isTrue();
        assertThat(PathGlob.compile("/a*b*c").matches("/abxbc")).isTrue();
        assertThat(PathGlob.compile("/a*b*c").matches("/abxb")).isFalse();
        assertThat(PathGlob.compile("/a**b").matches("/axb")).as("** inside a segment is *").isTrue();
        assertThat(PathGlob.compile("/a**b").matches("/ax/b")).isFalse();
        assertThat(PathGlob.compile("/x/**").matches("x/y")).isFalse();
    }

    @Test
    void aGlobstarMatchesSegmentsWithLineBreaks() {
        // The former regular expression's '.' stopped at line terminators: /api/a%0Ab/track escaped /api/**/track.
        assertThat(PathGlob.compile("/api/**/track").matches("/api/a\nb/track")).isTrue();
        assertThat(PathGlob.compile("/api/*/track").matches("/api/a\u2028b/track")).isTrue();
    }

    private static String randomPattern(Random random) {
        StringBuilder b = new StringBuilder();
        int segments = 1 + random.nextInt(5);
        for (int i = 0; i < segments; i++) {
            b.append('/');
            switch (random.nextInt(6)) {
                case 0, 1 -> b.append("**");
                case 2 -> b.append('*');
                default -> {
                    int length = random.nextInt(4);
                    for (int c = 0; c < length; c++) {
                        b.append("ab*.+".charAt(random.nextInt(5)));
                    }
                }
            }
        }
        return b.toString();
    }

    private static String randomPath(Random random) {
        StringBuilder b = new StringBuilder();
        int length = random.nextInt(12);
        if (random.nextInt(10) > 0) {
            b.append('/');
        }
        for (int c = 0; c < length; c++) {
            b.append("ab/.+*x".charAt(random.nextInt(7)));
        }
        return b.toString();
    }

    /** A path built from the pattern, with its stars replaced by a few characters or segments. */
    private static String pathLike(String pattern, Random random) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                int length = random.nextInt(4);
                for (int k = 0; k < length; k++) {
                    b.append("ab/.".charAt(random.nextInt(4)));
                }
            } else if (random.nextInt(20) > 0) {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** The tracking-path matcher before it was replaced: a regular expression (fine on small inputs). */
    private static Pattern formerRegex(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String segment : pattern.substring(1).split("/", -1)) {
            if (segment.equals("**")) {
                regex.append("(?:/.*)?");
                continue;
            }
            regex.append('/');
            int from = 0;
            int star;
            while ((star = segment.indexOf('*', from)) >= 0) {
                if (star > from) {
                    regex.append(Pattern.quote(segment.substring(from, star)));
                }
                regex.append("[^/]*");
                from = star + 1;
            }
            if (from < segment.length()) {
                regex.append(Pattern.quote(segment.substring(from)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
