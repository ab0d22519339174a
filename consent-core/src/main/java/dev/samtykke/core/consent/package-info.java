/**
 * Consent decisions and their evaluation: {@link dev.samtykke.core.consent.ConsentEvaluator} makes
 * {@link dev.samtykke.core.consent.ConsentDecision}s and applies the policy's rules to them, giving a
 * {@link dev.samtykke.core.consent.ConsentState} that answers whether a purpose, service, cookie or
 * category is allowed and whether the banner should ask.
 */
package dev.samtykke.core.consent;
