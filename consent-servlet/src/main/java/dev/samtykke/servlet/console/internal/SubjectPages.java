package dev.samtykke.servlet.console.internal;

import dev.samtykke.core.ledger.ConsentRecord;
import dev.samtykke.core.policy.ConsentPolicy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The data-subject request pages: the look-up form, a visitor's history with its export and erasure forms, the
 * erasure's confirmation and result, and the printable export. The consent id is the visitor's input: it is only
 * ever written escaped, and travels in form bodies, never in a URL.
 */
final class SubjectPages {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private SubjectPages() {
    }

    /** The look-up form, with an error to show (or {@code null}) and the value typed (escaped). */
    static byte[] lookupForm(Page.Context ctx, String error, String typed) {
        StringBuilder html = Page.open(ctx, Page.Section.SUBJECTS, "Data-subject requests", "");
        html.append("<p>A visitor who asks what you hold about them, or asks you to erase it, quotes the consent ID the")
                .append(" banner's settings show. Enter it to see their consent history, export it or erase it.</p>");
        if (error != null) {
            html.append("<div class=\"error\" role=\"alert\"><h2>That did not work</h2><p>").append(Html.escape(error))
                    .append("</p></div>");
        }
        lookupFormBody(html, ctx, typed, error != null);
        return Page.close(html, ctx);
    }

    private static void lookupFormBody(StringBuilder html, Page.Context ctx, String typed, boolean invalid) {
        html.append(ctx.form("/subjects/lookup", "class=\"stack\"")).append("<label for=\"consent-id\">Consent ID</label>")
                .append("<input id=\"consent-id\" name=\"consentId\" type=\"text\" required maxlength=\"")
                .append(SubjectRequests.MAX_ID).append("\" autocomplete=\"off\" spellcheck=\"false\"")
                .append(" aria-describedby=\"consent-id-hint\"").append(invalid ? " aria-invalid=\"true\"" : "")
                .append(" value=\"").append(Html.escape(typed)).append("\">")
                .append("<p id=\"consent-id-hint\" class=\"hint\">As the visitor quoted it. Looking it up is recorded in")
                .append(" the audit trail.</p><button type=\"submit\">Look up</button></form>");
    }

    /** A visitor's history, newest first, with the export and erasure forms. */
    static byte[] history(Page.Context ctx, ConsentPolicy policy, SubjectRequests.Lookup found) {
        String id = Html.escape(found.consentId());
        StringBuilder html = Page.open(ctx, Page.Section.SUBJECTS, "Consent history", "");
        html.append("<p>Consent ID <code class=\"id\">").append(id).append("</code>: ");
        if (found.records().isEmpty()) {
            html.append("<strong>no records</strong>. Either the ID was mistyped, the visitor never decided, or the")
                    .append(" records were erased or purged.</p>");
        } else {
            html.append("<strong>").append(found.records().size()).append(found.more() ? "+" : "")
                    .append(" records</strong>, newest first.").append(found.more() ? " Only the newest "
                            + SubjectRequests.MAX_RECORDS + " are shown; the export holds them all." : "").append("</p>");
            recordsTable(html, policy, found.records(), false);
            html.append("<section aria-labelledby=\"export\"><h2 id=\"export\">Export</h2><p>The visitor's records as the")
                    .append(" ISO/IEC TS 27560-shaped JSON they can ask for, or as a page to print or save as PDF.</p>")
                    .append("<div class=\"actions\">")
                    .append(ctx.form("/subjects/export", "")).append(hiddenId(found.consentId()))
                    .append("<input type=\"hidden\" name=\"format\" value=\"json\">")
                    .append("<button type=\"submit\">Download JSON</button></form>")
                    .append(ctx.form("/subjects/export", "")).append(hiddenId(found.consentId()))
                    .append("<input type=\"hidden\" name=\"format\" value=\"print\">")
                    .append("<button type=\"submit\">Printable page</button></form></div></section>")
                    .append("<section aria-labelledby=\"erase\"><h2 id=\"erase\">Erasure</h2><p>Erasing removes these")
                    .append(" records from the ledger and writes a chained erasure event in their place, so that the")
                    .append(" ledger still verifies. You confirm on the next page.</p>")
                    .append(ctx.form("/subjects/erase", "")).append(hiddenId(found.consentId()))
                    .append("<input type=\"hidden\" name=\"confirmation\" value=\"").append(Html.escape(found.token()))
                    .append("\"><button type=\"submit\" class=\"danger\">Erase these records…</button></form></section>");
        }
        html.append("<h2>Another visitor</h2>");
        lookupFormBody(html, ctx, "", false);
        return Page.close(html, ctx);
    }

    /** The erasure's confirmation step: what will be erased, and the button that does it. */
    static byte[] confirmErase(Page.Context ctx, String consentId, String token, List<ConsentRecord> records) {
        StringBuilder html = Page.open(ctx, Page.Section.SUBJECTS, "Confirm the erasure", "");
        html.append("<p>Erase <strong>").append(records.size()).append(" records</strong> of consent ID <code class=\"id\">")
                .append(Html.escape(consentId)).append("</code>? This cannot be undone. The ledger keeps a chained")
                .append(" erasure event (no consent ID in it) so that its verification still holds.</p>")
                .append("<div class=\"actions\">").append(ctx.form("/subjects/erase", "")).append(hiddenId(consentId))
                .append("<input type=\"hidden\" name=\"confirmation\" value=\"").append(Html.escape(token)).append("\">")
                .append("<input type=\"hidden\" name=\"confirmed\" value=\"yes\">")
                .append("<button type=\"submit\" class=\"danger\">Erase permanently</button></form>")
                .append("<a class=\"button\" href=\"").append(ctx.href("/subjects")).append("\">Cancel</a></div>");
        return Page.close(html, ctx);
    }

    /** The erasure's result. */
    static byte[] erased(Page.Context ctx, String consentId, int erased) {
        StringBuilder html = Page.open(ctx, Page.Section.SUBJECTS, "Records erased", "");
        html.append("<p role=\"status\">Erased <strong>").append(erased).append(" records</strong> of consent ID <code class=\"id\">")
                .append(Html.escape(consentId)).append("</code>. The audit trail records who did it and when.</p>")
                .append("<p><a href=\"").append(ctx.href("/subjects")).append("\">Handle another request</a></p>");
        return Page.close(html, ctx);
    }

    /** The printable export: the same records as the JSON export, for paper or PDF. */
    static byte[] printable(Page.Context ctx, ConsentPolicy policy, String consentId, List<ConsentRecord> records,
                            Instant now) {
        StringBuilder html = Page.open(ctx, Page.Section.SUBJECTS, "Consent records", "");
        html.append("<dl class=\"facts\"><dt>Controller</dt><dd>").append(Html.escape(policy.controller().name()))
                .append("</dd><dt>Consent ID</dt><dd><code class=\"id\">").append(Html.escape(consentId))
                .append("</code></dd><dt>Records</dt><dd>").append(records.size()).append("</dd><dt>Made</dt><dd>")
                .append(TIME.format(now)).append(" by ").append(Html.escape(ctx.principal())).append("</dd></dl>")
                .append("<p class=\"no-print\">Print this page, or save it as PDF, with your browser's print command.</p>");
        if (records.isEmpty()) {
            html.append("<p>No records are held for this consent ID.</p>");
        } else {
            recordsTable(html, policy, records, true);
        }
        return Page.close(html, ctx);
    }

    private static String hiddenId(String consentId) {
        return "<input type=\"hidden\" name=\"consentId\" value=\"" + Html.escape(consentId) + "\">";
    }

    /** The records (the notice's hash in full, or its start): when, what (method, state, each purpose), which notice (policy version, hash), locale, where. */
    private static void recordsTable(StringBuilder html, ConsentPolicy policy, List<ConsentRecord> records, boolean fullHash) {
        html.append("<div class=\"scroll\"><table class=\"records\"><caption>Consent records, newest first</caption><thead><tr>")
                .append("<th scope=\"col\">Decided</th><th scope=\"col\">Decision</th><th scope=\"col\">Purposes</th>")
                .append("<th scope=\"col\">Notice version</th><th scope=\"col\">Locale</th><th scope=\"col\">Where</th>")
                .append("<th scope=\"col\">Expires</th></tr></thead><tbody>");
        for (ConsentRecord r : records) {
            html.append("<tr><th scope=\"row\">").append(TIME.format(r.decidedAt().truncatedTo(ChronoUnit.SECONDS)))
                    .append("</th><td>").append(Html.escape(r.method().id())).append(" (").append(Html.escape(r.state().id()))
                    .append(")</td><td><ul class=\"grants\">");
            for (Map.Entry<String, Boolean> grant : r.grants().entrySet()) {
                String title = policy.purpose(grant.getKey()).map(OverviewPage::title).orElse(grant.getKey());
                html.append("<li>").append(Html.escape(title)).append(": ").append(grant.getValue() ? "granted" : "refused")
                        .append("</li>");
            }
            html.append("</ul></td><td>").append(Html.escape(r.policyId())).append(' ')
                    .append(Html.escape(r.policyVersion().toString())).append("<br><small>notice <code>")
                    .append(Html.escape(fullHash || r.noticeHash().length() <= 12 ? r.noticeHash() : r.noticeHash().substring(0, 12) + "…"))
                    .append("</code></small></td><td>").append(Html.escape(r.locale())).append("</td><td>")
                    .append(Html.escape(r.collectionPoint())).append("</td><td>")
                    .append(TIME.format(r.expiresAt().truncatedTo(ChronoUnit.SECONDS))).append("</td></tr>");
        }
        html.append("</tbody></table></div>");
    }
}
