package dev.samtykke.servlet.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reference reading of a {@code Set-Cookie} header for tests, written straight from the text of
 * RFC 6265bis §5.7 ("The Set-Cookie Header Field") and RFC 6265 §5.1.1 ("Dates"), step by step,
 * sharing no code with the production parser. On top of the RFC it applies the gate's stated rule for
 * doubt: a header whose {@code Max-Age} or {@code Expires} attribute the RFC says to ignore is no
 * deletion (browsers differ on those), nor is one whose {@code Expires} holds a character outside
 * printable ASCII (servers re-encode those).
 */
final class BrowserReading {

    private static final Pattern TIME = Pattern.compile("([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:[^0-9].*)?", Pattern.DOTALL);
    private static final Pattern DAY_OF_MONTH = Pattern.compile("([0-9]{1,2})(?:[^0-9].*)?", Pattern.DOTALL);
    private static final Pattern MONTH = Pattern.compile("(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec).*",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE); // without UNICODE_CASE: US-ASCII only
    private static final Pattern YEAR = Pattern.compile("([0-9]{2,4})(?:[^0-9].*)?", Pattern.DOTALL);
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec");

    final boolean controlCharacter;
    final String name;
    final String value;
    /** The Max-Age and Expires entries of the cookie-attribute-list, in order, with their expiry times (null: ignored, so in doubt). */
    final List<String> attributeNames = new ArrayList<>();
    final List<Instant> expiryTimes = new ArrayList<>();

    private BrowserReading(String header, Instant now) {
        // 5.7 step 1: a CTL other than HTAB makes the user agent ignore the string entirely.
        boolean control = false;
        for (char c : header.toCharArray()) {
            if ((c <= 0x08) || (c >= 0x0A && c <= 0x1F) || c == 0x7F) {
                control = true;
            }
        }
        controlCharacter = control;
        // Step 2: the name-value-pair is everything up to the first ';', the unparsed-attributes the rest.
        String nameValuePair;
        String unparsedAttributes;
        int semicolon = header.indexOf(';');
        if (semicolon >= 0) {
            nameValuePair = header.substring(0, semicolon);
            unparsedAttributes = header.substring(semicolon);
        } else {
            nameValuePair = header;
            unparsedAttributes = "";
        }
        // Step 3: without '=', the name string is empty and the value string is the whole pair.
        String nameString;
        String valueString;
        int eq = nameValuePair.indexOf('=');
        if (eq < 0) {
            nameString = "";
            valueString = nameValuePair;
        } else {
            nameString = nameValuePair.substring(0, eq);
            valueString = nameValuePair.substring(eq + 1);
        }
        // Step 4: remove leading and trailing WSP.
        name = trimWsp(nameString);
        value = trimWsp(valueString);
        // The attributes (5.7, second algorithm).
        while (!unparsedAttributes.isEmpty()) {
            // Step 2: discard the first character (a ';').
            unparsedAttributes = unparsedAttributes.substring(1);
            // Step 3: the cookie-av is up to the next ';'.
            String cookieAv;
            int next = unparsedAttributes.indexOf(';');
            if (next >= 0) {
                cookieAv = unparsedAttributes.substring(0, next);
                unparsedAttributes = unparsedAttributes.substring(next);
            } else {
                cookieAv = unparsedAttributes;
                unparsedAttributes = "";
            }
            // Step 4: split at the first '='.
            String attributeName;
            String attributeValue;
            int avEq = cookieAv.indexOf('=');
            if (avEq >= 0) {
                attributeName = cookieAv.substring(0, avEq);
                attributeValue = cookieAv.substring(avEq + 1);
            } else {
                attributeName = cookieAv;
                attributeValue = "";
            }
            // Step 5: remove leading and trailing WSP.
            attributeName = trimWsp(attributeName);
            attributeValue = trimWsp(attributeValue);
            String lowerName = asciiLower(attributeName);
            boolean expiry = lowerName.equals("max-age") || lowerName.equals("expires");
            // Step 6: a value over 1024 octets is ignored.
            if (attributeValue.getBytes(StandardCharsets.UTF_8).length > 1024) {
                if (expiry) {
                    attributeNames.add(lowerName);
                    expiryTimes.add(null);
                }
                continue;
            }
            if (lowerName.equals("expires")) {
                attributeNames.add(lowerName);
                expiryTimes.add(printableAscii(attributeValue) ? cookieDate(attributeValue) : null);
            } else if (lowerName.equals("max-age")) {
                attributeNames.add(lowerName);
                expiryTimes.add(maxAge(attributeValue, now));
            }
        }
    }

    /**
     * Reads a header.
     *
     * @param header the {@code Set-Cookie} value
     * @param now the current time, for {@code Max-Age}
     * @return the reading
     */
    static BrowserReading of(String header, Instant now) {
        return new BrowserReading(header, now);
    }

    /**
     * RFC 6265bis storage model: the last Max-Age if any, else the last Expires, gives the expiry time;
     * a cookie whose expiry time is in the past is removed. In doubt (an ignored Max-Age or Expires): no.
     */
    boolean deletes(Instant now) {
        Instant expiry = null;
        boolean sawMaxAge = false;
        for (int i = 0; i < expiryTimes.size(); i++) {
            if (expiryTimes.get(i) == null) {
                return false;
            }
        }
        for (int i = 0; i < expiryTimes.size(); i++) {
            if (attributeNames.get(i).equals("max-age")) {
                sawMaxAge = true;
                expiry = expiryTimes.get(i);
            }
        }
        if (!sawMaxAge) {
            for (int i = 0; i < expiryTimes.size(); i++) {
                expiry = expiryTimes.get(i);
            }
        }
        return expiry != null && expiry.isBefore(now);
    }

    /** The name the server sees the cookie under: a nameless cookie is sent back as its bare value. */
    String nameSentBack() {
        if (!name.isEmpty()) {
            return name;
        }
        int eq = value.indexOf('=');
        return eq < 0 ? "" : trimWsp(value.substring(0, eq));
    }

    /** 5.7 Max-Age: empty, or not DIGIT or '-' DIGIT first, or a non-DIGIT after: ignored (null). */
    private static Instant maxAge(String value, Instant now) {
        if (value.isEmpty()) {
            return null;
        }
        char first = value.charAt(0);
        boolean digitFirst = first >= '0' && first <= '9';
        boolean minusDigit = first == '-' && value.length() > 1 && value.charAt(1) >= '0' && value.charAt(1) <= '9';
        if (!digitFirst && !minusDigit) {
            return null;
        }
        for (int i = 1; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return null;
            }
        }
        BigInteger delta = new BigInteger(value);
        if (delta.signum() <= 0) {
            return Instant.MIN;
        }
        long cookieAgeLimit = 400L * 86_400; // 6265bis: at most 400 days
        return now.plusSeconds(delta.min(BigInteger.valueOf(cookieAgeLimit)).longValueExact());
    }

    /** RFC 6265 §5.1.1, step by step; null when the algorithm fails. */
    static Instant cookieDate(String text) {
        // Step 1: the date-tokens are the runs of non-delimiters.
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (isDelimiter(c)) {
                if (!token.isEmpty()) {
                    tokens.add(token.toString());
                    token.setLength(0);
                }
            } else {
                token.append(c);
            }
        }
        if (!token.isEmpty()) {
            tokens.add(token.toString());
        }
        boolean foundTime = false;
        boolean foundDayOfMonth = false;
        boolean foundMonth = false;
        boolean foundYear = false;
        int hour = 0;
        int minute = 0;
        int second = 0;
        int dayOfMonth = 0;
        int month = 0;
        int year = 0;
        // Step 2: each token, in order.
        for (String t : tokens) {
            Matcher m;
            if (!foundTime && (m = TIME.matcher(t)).matches()) {
                foundTime = true;
                hour = Integer.parseInt(m.group(1));
                minute = Integer.parseInt(m.group(2));
                second = Integer.parseInt(m.group(3));
            } else if (!foundDayOfMonth && (m = DAY_OF_MONTH.matcher(t)).matches()) {
                foundDayOfMonth = true;
                dayOfMonth = Integer.parseInt(m.group(1));
            } else if (!foundMonth && (m = MONTH.matcher(t)).matches()) {
                foundMonth = true;
                month = MONTHS.indexOf(asciiLower(m.group(1))) + 1;
            } else if (!foundYear && (m = YEAR.matcher(t)).matches()) {
                foundYear = true;
                year = Integer.parseInt(m.group(1));
            }
        }
        // Steps 3 and 4: two-digit years.
        if (year >= 70 && year <= 99) {
            year += 1900;
        }
        if (year >= 0 && year <= 69) {
            year += 2000;
        }
        // Step 5.
        if (!foundDayOfMonth || !foundMonth || !foundYear || !foundTime || dayOfMonth < 1 || dayOfMonth > 31
                || year < 1601 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        // Step 6: the date must exist.
        try {
            return LocalDateTime.of(year, month, dayOfMonth, hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** delimiter = %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E. */
    private static boolean isDelimiter(char c) {
        return c == 0x09 || (0x20 <= c && c <= 0x2F) || (0x3B <= c && c <= 0x40) || (0x5B <= c && c <= 0x60)
                || (0x7B <= c && c <= 0x7E);
    }

    private static boolean printableAscii(String s) {
        return s.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c <= 0x7E));
    }

    private static String trimWsp(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
            to--;
        }
        return s.substring(from, to);
    }

    private static String asciiLower(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return b.toString();
    }
}
