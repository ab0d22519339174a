package dev.samtykke.servlet.internal;

import java.nio.charset.StandardCharsets;

/**
 * Serves the banner's readable JavaScript and CSS without what only a reader needs: each line's leading
 * indentation, whole-line {@code //} comments, and blank lines. Nothing inside a line changes, so the
 * served code is the shipped source token for token (a licence comment {@code /*! … *}{@code /} stays).
 * This is safe for the banner's own files, which keep to one rule: no string or template literal
 * spans lines.
 */
public final class CompactSource {

    private CompactSource() {
    }

    /**
     * Compacts UTF-8 source.
     *
     * @param source the file as shipped
     * @return the bytes to serve
     */
    public static byte[] compact(byte[] source) {
        String text = new String(source, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("//")) {
                continue;
            }
            out.append(trimmed).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
