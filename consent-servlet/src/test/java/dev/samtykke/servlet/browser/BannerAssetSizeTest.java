package dev.samtykke.servlet.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The banner's weight: the script and style sheet exactly as the consent servlet serves them, gzipped
 * at the default level (6, what most servers use; {@code gzip -9} gives a little less), must together
 * stay within 6 KiB (6,144 bytes). CookieConsent 3.1.0 loads
 * 15.5 KB gzipped, Klaro 0.7.22 68.9 KB.
 */
class BannerAssetSizeTest {

    static final int BUDGET = 6 * 1024;

    private static BannerSite site;

    @BeforeAll
    static void start() throws Exception {
        site = BannerSite.start();
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    private static byte[] served(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(site.url(path))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    static int gzipped(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        }
        return out.size();
    }

    @Test
    void scriptAndStyleSheetTogetherStayWithinSixKilobytesGzipped() throws Exception {
        byte[] js = served("/consent/banner.js");
        byte[] css = served("/consent/banner.css");
        int jsGzip = gzipped(js);
        int cssGzip = gzipped(css);

        System.out.printf("banner.js %,d B (%,d B gzipped), banner.css %,d B (%,d B gzipped), together %,d B gzipped"
                + " of a %,d B budget%n", js.length, jsGzip, css.length, cssGzip, jsGzip + cssGzip, BUDGET);
        assertThat(js.length).as("banner.js is served").isGreaterThan(1000);
        assertThat(css.length).as("banner.css is served").isGreaterThan(500);
        assertThat(jsGzip + cssGzip).as("gzipped bytes of banner.js + banner.css").isLessThanOrEqualTo(BUDGET);
    }
}
