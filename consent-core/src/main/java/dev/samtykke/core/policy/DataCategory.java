package dev.samtykke.core.policy;

import java.util.Objects;

/**
 * A kind of personal data processed, e.g. contact details or device information.
 *
 * @param id stable identifier
 * @param title the name shown to visitors
 * @param description examples or details
 */
public record DataCategory(String id, LocalizedText title, LocalizedText description) {
    /** Creates a data category; an absent description becomes empty. */
    public DataCategory {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        description = description == null ? LocalizedText.EMPTY : description;
    }
}
