/**
 * The signed consent cookie: {@link dev.samtykke.core.cookie.ConsentCookieCodec} writes a
 * {@link dev.samtykke.core.consent.ConsentDecision} into a compact HMAC-SHA256-signed value and reads it
 * back without ever throwing; {@link dev.samtykke.core.cookie.KeyRing} holds the signing key and the keys
 * that still verify, for rotation.
 */
package dev.samtykke.core.cookie;
