package dev.samtykke.servlet.console.internal;

import dev.samtykke.servlet.internal.HttpProblem;

/** A refused form or page request, as a page: what went wrong and where to go on. */
final class ErrorPage {

    private ErrorPage() {
    }

    static byte[] render(Page.Context ctx, HttpProblem problem) {
        String title = switch (problem.status()) {
            case 400 -> "That request is not right";
            case 403 -> "Refused";
            case 413, 415 -> "That form is not right";
            case 503 -> "Not available right now";
            default -> "That did not work";
        };
        StringBuilder html = Page.open(ctx, null, title, "");
        html.append("<div class=\"error\" role=\"alert\"><p>").append(Html.escape(problem.detail())).append("</p></div>")
                .append("<p><a href=\"").append(ctx.href("/")).append("\">Back to the console</a></p>");
        return Page.close(html, ctx);
    }
}
