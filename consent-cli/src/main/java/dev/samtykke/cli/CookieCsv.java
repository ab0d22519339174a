package dev.samtykke.cli;

import dev.samtykke.core.notice.Durations;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.CookieDeclaration;
import dev.samtykke.core.policy.Purpose;
import dev.samtykke.core.policy.Service;

import java.util.List;
import java.util.Locale;

/**
 * A policy's cookie table as CSV (RFC 4180): a header line, one line per declared cookie in file
 * order, CRLF line ends, a field quoted when it holds a comma, a quote or a line break.
 */
final class CookieCsv {

    static final List<String> HEADER = List.of("name", "service", "provider", "purposes", "consentRequired", "party", "domain",
            "duration", "durationText", "description");

    private CookieCsv() {
    }

    static String of(ConsentPolicy policy, Locale locale) {
        StringBuilder csv = new StringBuilder();
        line(csv, HEADER);
        for (Service service : policy.services()) {
            boolean consent = service.purposes().stream()
                    .anyMatch(id -> policy.purpose(id).map(Purpose::requiresConsent).orElse(false));
            for (CookieDeclaration cookie : service.cookies()) {
                line(csv, List.of(cookie.name(), service.name(), service.provider().name(), String.join(" ", service.purposes()),
                        Boolean.toString(consent), cookie.party().id(), cookie.domain() == null ? "" : cookie.domain(),
                        cookie.duration().iso(), Durations.humanize(cookie.duration(), locale),
                        cookie.description().get(locale)));
            }
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(field(fields.get(i)));
        }
        csv.append("\r\n");
    }

    static String field(String value) {
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
