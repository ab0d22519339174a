package dev.samtykke.servlet;

import dev.samtykke.servlet.internal.CompactSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** The banner's script and style sheet, served compacted from the classpath with a content-hash ETag. */
class BannerAssetsTest {

    private static TestSite site;

    @BeforeAll
    static void start() throws Exception {
        site = TestSite.start();
    }

    @AfterAll
    static void stop() throws Exception {
        site.close();
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = BannerAssetsTest.class.getResourceAsStream("/dev/samtykke/servlet/assets/" + name)) {
            assertThat(in).as(name + " on the classpath").isNotNull();
            return CompactSource.compact(in.readAllBytes());
        }
    }

    @ParameterizedTest
    @CsvSource({"banner.js, text/javascript", "banner.css, text/css", "embed.js, text/javascript", "embed.css, text/css"})
    void assetIsServedWithItsContentHashAsETagAndRevalidatesTo304(String name, String contentType) throws Exception {
        byte[] content = resource(name);
        String expectedTag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content), 0, 16) + "\"";

        HttpResponse<String> first = site.get("/consent/" + name);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo(new String(content, StandardCharsets.UTF_8));
        assertThat(first.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(contentType));
        assertThat(first.headers().firstValue("ETag")).hasValue(expectedTag);
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, max-age=3600");

        HttpResponse<String> revalidated = site.get("/consent/" + name, "If-None-Match", "\"old\", " + expectedTag);

        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();
        assertThat(revalidated.headers().firstValue("ETag")).hasValue(expectedTag);

        HttpResponse<String> changed = site.get("/consent/" + name, "If-None-Match", "\"old\"");

        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).isNotEmpty();
    }

    @Test
    void headAnswersHeadersWithoutBody() throws Exception {
        HttpResponse<String> head = site.send(site.request("/consent/banner.js").method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(resource("banner.js").length);
        assertThat(head.body()).isEmpty();
    }
}
