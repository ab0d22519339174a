package dev.samtykke.servlet.console.internal;

import java.nio.charset.StandardCharsets;

/**
 * The shell every console page shares: the head (the style sheet, no script), a skip link, the navigation between
 * the pages (the current one marked), the {@code main} landmark with the page's one {@code h1}, and the footer naming
 * the signed-in user. Text from outside is escaped with {@link Html#escape}.
 */
final class Page {

    /** The pages' Content-Security-Policy: the console's own style sheet, no script, nothing from elsewhere. */
    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";
    /** The ledger page's Content-Security-Policy: as {@link #CSP}, and the console's own script, which reads its API. */
    static final String CSP_SCRIPT = CSP + "; script-src 'self'; connect-src 'self'";
    /** The script's path below the console. */
    static final String SCRIPT = "/assets/console.js";
    /** The style sheet's path below the console. */
    static final String STYLESHEET = "/assets/console.css";

    /** The pages in the navigation. */
    enum Section {
        INSIGHTS("/", "Insights"),
        SUBJECTS("/subjects", "Data-subject requests"),
        LEDGER("/ledger", "Ledger health"),
        AUDIT("/audit", "Audit trail");

        final String path;
        final String label;

        Section(String path, String label) {
            this.path = path;
            this.label = label;
        }
    }

    /**
     * What a page needs from its request.
     *
     * @param admin     the console's path, e.g. {@code /consent/admin} (escaped when written)
     * @param principal the signed-in user
     * @param hidden    the hidden fields every form carries (the CSRF tokens), as HTML
     */
    record Context(String admin, String principal, String hidden) {
        /** An absolute path below the console, escaped for an attribute. */
        String href(String path) {
            return Html.escape(admin + path);
        }

        /** Opens a POST form to a console path, with the hidden fields. */
        String form(String path, String attributes) {
            return "<form method=\"post\" action=\"" + href(path) + "\"" + (attributes.isEmpty() ? "" : " " + attributes)
                    + ">" + hidden;
        }
    }

    private Page() {
    }

    /**
     * Opens a page: head, skip link, navigation, and {@code <main>} with its heading.
     *
     * @param head extra head markup (e.g. a meta refresh), already safe
     */
    static StringBuilder open(Context ctx, Section current, String title, String head) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append(head)
                .append("<title>").append(Html.escape(title)).append(" – Privacy console</title>")
                .append("<link rel=\"stylesheet\" href=\"").append(ctx.href(STYLESHEET)).append("\">")
                .append("</head><body><a class=\"skip\" href=\"#main\">Skip to the content</a>")
                .append("<header class=\"top\"><p class=\"brand\">Privacy console</p>")
                .append("<nav aria-label=\"Console pages\"><ul>");
        for (Section s : Section.values()) {
            html.append("<li><a href=\"").append(ctx.href(s.path)).append('"')
                    .append(s == current ? " aria-current=\"page\"" : "").append('>').append(s.label).append("</a></li>");
        }
        html.append("</ul></nav></header><main id=\"main\" tabindex=\"-1\"><h1>").append(Html.escape(title)).append("</h1>");
        return html;
    }

    /** Closes the page with the footer; the UTF-8 bytes. */
    static byte[] close(StringBuilder html, Context ctx) {
        html.append("</main><footer class=\"bottom\"><p>Signed in as <strong>").append(Html.escape(ctx.principal()))
                .append("</strong>. Every look-up, export, erasure and verification is recorded in the audit trail.</p>")
                .append("</footer></body></html>");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }
}
