package dev.samtykke.scanner.internal;

import dev.samtykke.scanner.Suggestion;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A suggested declaration in the policy file's own format, for the user to review and paste. */
public final class PolicyFragment {

    /**
     * What a suggestion holds where the database knows nothing usable: the user must fill it in. It is no duration,
     * so a policy that keeps it fails to load instead of declaring something unchecked.
     */
    static final String FILL_IN = "FILL-IN:";


    private static final Pattern SPAN = Pattern.compile("(\\d+)\\s*(year|month|week|day|hour|minute)s?", Pattern.CASE_INSENSITIVE);

    private PolicyFragment() {
    }

    /** The declaration: {@code name}, {@code storage} (unless a cookie), {@code duration} and an English {@code description}. */
    public static Map<String, Object> declaration(Suggestion s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.declaredName());
        if (!"cookie".equals(s.storage())) {
            m.put("storage", s.storage());
        }
        m.put("duration", duration(s));
        m.put("description", Map.of("en", s.known() && !s.description().isBlank() ? s.description() : FILL_IN + " what it stores"));
        return m;
    }

    /** The database's retention as an ISO-8601 duration, {@code session}, or a placeholder the loader rejects. */
    static String duration(Suggestion s) {
        if ("sessionStorage".equals(s.storage())) {
            return "session";
        }
        String text = s.retention().trim().toLowerCase(Locale.ROOT);
        if (text.contains("session")) {
            return "session";
        }
        Matcher m = SPAN.matcher(text);
        if (m.find()) {
            int n = Integer.parseInt(m.group(1));
            return switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "year" -> "P" + n + "Y";
                case "month" -> "P" + n + "M";
                case "week" -> "P" + (7 * n) + "D";
                case "day" -> "P" + n + "D";
                case "hour" -> "PT" + n + "H";
                default -> "PT" + n + "M";
            };
        }
        return FILL_IN;
    }
}
