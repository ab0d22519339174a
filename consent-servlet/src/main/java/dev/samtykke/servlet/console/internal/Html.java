package dev.samtykke.servlet.console.internal;

/** Escapes text for HTML and SVG (element content and quoted attributes). */
final class Html {

    private Html() {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A share as a whole percentage, or an en dash when there is nothing to divide. */
    static String percent(long part, long whole) {
        return whole == 0 ? "–" : Math.round(100.0 * part / whole) + "%";
    }
}
