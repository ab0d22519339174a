package dev.samtykke.servlet.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A fixed response body the endpoints serve (the banner script and style sheet, read once from the
 * classpath, and the policy document of each locale), with an entity tag made of its content hash.
 *
 * @param contentType the {@code Content-Type}
 * @param body the content
 * @param etag the strong entity tag, quoted: the first 128 bits of the content's SHA-256 in hex
 */
public record Asset(String contentType, byte[] body, String etag) {

    /** How long browsers and proxies may reuse an asset before revalidating it. */
    public static final String CACHE_CONTROL = "public, max-age=3600";

    /**
     * Reads an asset from the classpath.
     *
     * @param resource the absolute resource path
     * @param contentType its content type
     * @return the asset, or {@code null} if the resource does not exist
     */
    public static Asset load(String resource, String contentType) {
        try (InputStream in = Asset.class.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            return of(contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    /**
     * Reads one of the banner's own script or style sheet files from the classpath and serves it
     * {@linkplain CompactSource#compact compacted}.
     *
     * @param resource the absolute resource path
     * @param contentType its content type
     * @return the asset, or {@code null} if the resource does not exist
     */
    public static Asset loadCompact(String resource, String contentType) {
        Asset source = load(resource, contentType);
        return source == null ? null : of(contentType, CompactSource.compact(source.body()));
    }

    /**
     * An asset of the given bytes, tagged with their hash.
     *
     * @param contentType its content type
     * @param body the content, not copied: it must not change afterwards
     * @return the asset
     */
    public static Asset of(String contentType, byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return new Asset(contentType, body, "\"" + HexFormat.of().formatHex(hash, 0, 16) + "\"");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Whether an {@code If-None-Match} header names this asset's current version.
     *
     * @param ifNoneMatch the header value, or {@code null}
     * @return {@code true} if a 304 may answer
     */
    public boolean matches(String ifNoneMatch) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
