package dev.samtykke.core.policy;

import java.util.Map;
import java.util.Objects;

/**
 * Texts of the consent banner. Labels not given here fall back to the library's built-in texts.
 *
 * @param title the first layer's heading
 * @param text the first layer's short explanation
 * @param labels button and control labels by key ({@code acceptAll}, {@code rejectAll}, {@code settings}, …)
 */
public record Banner(LocalizedText title, LocalizedText text, Map<String, LocalizedText> labels) {

    /** A banner with only the built-in texts. */
    public static final Banner DEFAULT = new Banner(LocalizedText.EMPTY, LocalizedText.EMPTY, Map.of());

    public Banner {
        title = title == null ? LocalizedText.EMPTY : title;
        text = text == null ? LocalizedText.EMPTY : text;
        labels = Map.copyOf(Objects.requireNonNullElse(labels, Map.of()));
    }
}
