package dev.samtykke.servlet.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One console action: who did what, when, to whose records, with what outcome.
 *
 * @param at        when
 * @param principal who, as the {@link ConsoleAuthorizer} named them
 * @param action    what
 * @param subject   whose records: {@code sha256:} and the first 16 hex digits of the SHA-256 of the consent id (so that
 *                  a request can be matched to its handling by whoever holds the id, and the trail itself holds no
 *                  id), or {@code null} for an action on no visitor's records
 * @param outcome   the outcome, e.g. {@code 3 records}, {@code erased 3 records}, {@code intact}
 */
public record AuditEntry(Instant at, String principal, AuditAction action, String subject, String outcome) {

    /** Checks that the parts are there. */
    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
    }

    /**
     * How the trail names a consent id in {@link #subject()}: {@code sha256:} and the first 16 hex digits of its SHA-256.
     * Whoever holds a visitor's request (and so the id) finds its handling with it.
     *
     * @param consentId the visitor's consent id
     * @return the digest
     */
    public static String subjectDigest(String consentId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(consentId.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
