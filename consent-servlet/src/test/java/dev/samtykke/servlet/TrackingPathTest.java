package dev.samtykke.servlet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TrackingPathTest {

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource({
            "/collect/**, /collect, true",
            "/collect/**, /collect/, true",
            "/collect/**, /collect/a/b, true",
            "/collect/**, /collector, false",
            "/collect/**, /other/collect, false",
            "/collect, /collect, true",
            "/collect, /collect/x, false",
            "/px/*.gif, /px/a.gif, true",
            "/px/*.gif, /px/a/b.gif, false",
            "/px/*.gif, /px/a.png, false",
            "/api/**/track, /api/track, true",
            "/api/**/track, /api/v1/x/track, true",
            "/api/**/track, /api/v1/tracker, false",
            "/a+b/*, /a+b/c, true",
            "/a+b/*, /aab/c, false"})
    void matchesLikeTheDocumentationSays(String pattern, String path, boolean expected) {
        assertThat(TrackingPath.of(pattern, "analytics").matcher().matches(path)).isEqualTo(expected);
    }
}
