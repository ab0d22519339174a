package dev.samtykke.core.policy;

import java.util.Objects;

/**
 * A cookie category grouping purposes for the banner. The standard ids are {@link #NECESSARY},
 * {@link #PREFERENCES}, {@link #ANALYTICS} and {@link #MARKETING}; a policy may add its own.
 *
 * @param id stable identifier
 * @param title the category's name
 * @param description what the category covers
 */
public record Category(String id, LocalizedText title, LocalizedText description) {

    /** Strictly necessary: never asked for, always on. */
    public static final String NECESSARY = "necessary";
    /** Remembering the visitor's choices. */
    public static final String PREFERENCES = "preferences";
    /** Measuring use of the site. */
    public static final String ANALYTICS = "analytics";
    /** Advertising and audience building. */
    public static final String MARKETING = "marketing";

    /** Creates a category; an absent description becomes empty. */
    public Category {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        description = description == null ? LocalizedText.EMPTY : description;
    }

    /** Whether this is the {@code necessary} category. */
    public boolean isNecessary() {
        return NECESSARY.equals(id);
    }
}
