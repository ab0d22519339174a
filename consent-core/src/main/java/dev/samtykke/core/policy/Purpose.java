package dev.samtykke.core.policy;

import java.util.List;
import java.util.Objects;

/**
 * Why data is processed. Only purposes whose legal basis is {@link LegalBasis#CONSENT} are asked
 * for; the others are always allowed and only disclosed.
 *
 * @param id stable identifier, used in cookies, ledgers and the HTTP API
 * @param category the id of the category the banner shows it under
 * @param legalBasis the legal basis of the processing
 * @param title the name shown to visitors
 * @param description what is done and why
 * @param dataCategories ids of the data categories processed
 * @param channels ids of the collection channels used (may be empty)
 * @param retention how long the data is kept
 * @param gpcOptOut whether a Global Privacy Control signal denies this purpose
 * @param objectable whether the visitor may object to this legitimate-interest purpose (GDPR Art. 21): the
 *        settings layer shows it switched on with a switch to object, and an objection denies it
 * @param choicePerService whether the visitor grants or refuses this consent-based purpose per service serving it
 *        (a service-level grant beneath the purpose's own)
 */
public record Purpose(String id, String category, LegalBasis legalBasis, LocalizedText title, LocalizedText description,
                      List<String> dataCategories, List<String> channels, TimeSpan retention, boolean gpcOptOut,
                      boolean objectable, boolean choicePerService) {
    /** Creates a purpose; an absent description becomes empty, absent data categories or channels none. */
    public Purpose {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(legalBasis, "legalBasis");
        Objects.requireNonNull(title, "title");
        description = description == null ? LocalizedText.EMPTY : description;
        dataCategories = dataCategories == null ? List.of() : List.copyOf(dataCategories);
        channels = channels == null ? List.of() : List.copyOf(channels);
        Objects.requireNonNull(retention, "retention");
    }

    /**
     * Creates a purpose that is neither objectable nor asked for per service (the form before both existed).
     *
     * @param id stable identifier
     * @param category the category's id
     * @param legalBasis the legal basis
     * @param title the name shown
     * @param description what is done and why
     * @param dataCategories ids of the data categories processed
     * @param channels ids of the collection channels
     * @param retention how long the data is kept
     * @param gpcOptOut whether Global Privacy Control denies it
     */
    public Purpose(String id, String category, LegalBasis legalBasis, LocalizedText title, LocalizedText description,
                   List<String> dataCategories, List<String> channels, TimeSpan retention, boolean gpcOptOut) {
        this(id, category, legalBasis, title, description, dataCategories, channels, retention, gpcOptOut, false, false);
    }

    /** Whether the purpose needs the visitor's consent. */
    public boolean requiresConsent() {
        return legalBasis == LegalBasis.CONSENT;
    }

    /**
     * Whether a visitor's decision may cover this purpose: it rests on consent (granted or refused), or it
     * is {@link #objectable()} (not objected to, or objected to).
     */
    public boolean decidable() {
        return requiresConsent() || objectable;
    }
}
