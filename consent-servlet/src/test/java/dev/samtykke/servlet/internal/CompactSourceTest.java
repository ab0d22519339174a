package dev.samtykke.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CompactSourceTest {

    private static String compact(String source) {
        return new String(CompactSource.compact(source.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void dropsIndentationWholeLineCommentsAndBlankLinesButNothingWithinALine() {
        String source = "/*! licence */\n(() => {\n  // a comment\n\n    const u = 'http://x'; // kept\n"
                + "  const re = /\\/\\//;\n})();\n";

        assertThat(compact(source)).isEqualTo("/*! licence */\n(() => {\nconst u = 'http://x'; // kept\n"
                + "const re = /\\/\\//;\n})();\n");
    }

    @Test
    void compactsCrLfSourcesToo() {
        assertThat(compact("a\r\n  // c\r\n  b\r\n")).isEqualTo("a\nb\n");
    }
}
