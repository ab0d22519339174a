package dev.samtykke.core.ledger;

import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.ledger.spi.LedgerChain;
import dev.samtykke.core.policy.ConsentPolicy;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A decision to record, with the context it was made in. Validated when built.
 *
 * @param decision the decision (grant, refusal or withdrawal); its subject id must be a valid ledger subject id
 * @param locale the BCP 47 tag of the locale the notice was shown in, e.g. {@code nb}
 * @param collectionPoint where the decision was collected, normally the request path (at most
 *        {@value #MAX_COLLECTION_POINT_LENGTH} characters); a query string or fragment is cut off, since it
 *        may carry personal data
 * @param noticeHash the hex SHA-256 of the notice shown, see {@link NoticeHash#of}
 */
public record NewConsentRecord(ConsentDecision decision, String locale, String collectionPoint, String noticeHash) {

    /** The longest collection point accepted. */
    public static final int MAX_COLLECTION_POINT_LENGTH = 512;
    /** The most purposes one record may decide. */
    public static final int MAX_GRANTS = 256;

    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,6}");
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

    /**
     * Validates and normalises the record.
     *
     * @throws IllegalArgumentException if any part is missing or malformed
     */
    public NewConsentRecord {
        if (decision == null) {
            throw new IllegalArgumentException("decision is missing");
        }
        LedgerChain.requireSubjectId(decision.subjectId());
        if (decision.policyId().isBlank() || decision.policyId().length() > 64) {
            throw new IllegalArgumentException("policy id must be 1 to 64 characters");
        }
        if (decision.grants().size() > MAX_GRANTS) {
            throw new IllegalArgumentException("a record decides at most " + MAX_GRANTS + " purposes, got " + decision.grants().size());
        }
        decision.grants().forEach((purposeId, granted) -> {
            if (purposeId == null || purposeId.isBlank() || purposeId.length() > 64) {
                throw new IllegalArgumentException("purpose ids must be 1 to 64 characters");
            }
            if (granted == null) {
                throw new IllegalArgumentException("purpose '" + purposeId + "' has no grant value");
            }
        });
        if (locale == null || !LANGUAGE_TAG.matcher(locale).matches()) {
            throw new IllegalArgumentException("locale must be a BCP 47 language tag such as nb or en-GB, got "
                    + (locale == null ? "null" : "'" + abbreviate(locale) + "'"));
        }
        collectionPoint = normaliseCollectionPoint(collectionPoint);
        if (noticeHash == null || !HEX_SHA256.matcher(noticeHash).matches()) {
            throw new IllegalArgumentException("noticeHash must be a lower-case hex SHA-256 (64 characters), see NoticeHash.of");
        }
    }

    /**
     * A record of a decision made on a page showing {@code policy}'s notice in {@code locale}; the notice
     * hash is computed with {@link NoticeHash#of}.
     *
     * @param decision the decision
     * @param policy the policy whose notice was shown; must be the one the decision was given against
     * @param locale the locale the notice was shown in
     * @param collectionPoint where the decision was collected, normally the request path
     * @return the record
     * @throws IllegalArgumentException if the decision was given against another policy id or version
     */
    public static NewConsentRecord of(ConsentDecision decision, ConsentPolicy policy, Locale locale, String collectionPoint) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(locale, "locale");
        if (decision != null && (!decision.policyId().equals(policy.id()) || !decision.policyVersion().equals(policy.version()))) {
            throw new IllegalArgumentException("the decision was given against policy " + decision.policyId() + " "
                    + decision.policyVersion() + ", not " + policy.id() + " " + policy.version());
        }
        return new NewConsentRecord(decision, locale.toLanguageTag(), collectionPoint, NoticeHash.of(policy, locale));
    }

    private static String normaliseCollectionPoint(String point) {
        if (point == null || point.isBlank()) {
            throw new IllegalArgumentException("collectionPoint is missing (normally the request path, e.g. /)");
        }
        int cut = point.length();
        int query = point.indexOf('?');
        int fragment = point.indexOf('#');
        if (query >= 0) {
            cut = query;
        }
        if (fragment >= 0 && fragment < cut) {
            cut = fragment;
        }
        String path = point.substring(0, cut);
        if (path.isEmpty()) {
            path = "/";
        }
        if (path.length() > MAX_COLLECTION_POINT_LENGTH) {
            throw new IllegalArgumentException("collectionPoint is longer than " + MAX_COLLECTION_POINT_LENGTH + " characters");
        }
        for (int i = 0; i < path.length(); i++) {
            if (Character.isISOControl(path.charAt(i))) {
                throw new IllegalArgumentException("collectionPoint contains a control character");
            }
        }
        return path;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
