/**
 * Browser and tag signals: {@link dev.samtykke.core.signal.GlobalPrivacyControl} reads the
 * {@code Sec-GPC} request header; {@link dev.samtykke.core.signal.GoogleConsentMode} produces the Google
 * Consent Mode v2 {@code default} and {@code update} commands from a consent state.
 */
package dev.samtykke.core.signal;
