package dev.samtykke.core.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Texts of the consent banner. Labels not given here fall back to the library's built-in texts.
 *
 * @param title the first layer's heading
 * @param text the first layer's short explanation
 * @param labels button and control labels by key ({@code acceptAll}, {@code rejectAll}, {@code settings}, …), in file order
 * @param consentMode how the Google Consent Mode {@code default} command is written ({@code wait_for_update}, {@code region})
 */
public record Banner(LocalizedText title, LocalizedText text, Map<String, LocalizedText> labels,
                     ConsentModeDefaults consentMode) {

    /**
     * The keys a policy may give in {@code banner.labels}: the banner's buttons and controls, as its built-in
     * texts name them. A policy naming another key is rejected at load (a misspelt key would otherwise be ignored
     * without a word).
     */
    public static final List<String> LABEL_KEYS = List.of(
            "acceptAll",
            "rejectAll",
            "settings",
            "save",
            "close",
            "back",
            "privacySettings",
            "notice",
            "alwaysOn",
            "purposes",
            "services",
            "cookies",
            "cookie",
            "provider",
            "duration",
            "session",
            "legalBasis",
            "withdraw",
            "saved",
            "error",
            "consentId",
            "embedTitle",
            "embedText",
            "embedLoad");

    /** A banner with only the built-in texts. */
    public static final Banner DEFAULT = new Banner(LocalizedText.EMPTY, LocalizedText.EMPTY, Map.of());

    /** Creates a banner with the default Consent Mode settings; absent texts become empty, absent labels none. */
    public Banner(LocalizedText title, LocalizedText text, Map<String, LocalizedText> labels) {
        this(title, text, labels, ConsentModeDefaults.DEFAULT);
    }

    /** Creates a banner; absent texts become empty, absent labels none, absent Consent Mode settings the defaults. */
    public Banner {
        consentMode = consentMode == null ? ConsentModeDefaults.DEFAULT : consentMode;
        title = title == null ? LocalizedText.EMPTY : title;
        text = text == null ? LocalizedText.EMPTY : text;
        // In file order, the same in every run (Map.copyOf iterates in a per-JVM random order).
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNullElse(labels, Map.of())));
    }
}
