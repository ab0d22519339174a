/**
 * Consent enforcement for any Servlet 6 container: {@link dev.samtykke.servlet.Samtykke} (setup without a
 * framework), {@link dev.samtykke.servlet.ConsentFilter} (resolves and enforces each request's consent),
 * {@link dev.samtykke.servlet.ConsentEndpoints} (the consent HTTP endpoints and the banner assets),
 * {@link dev.samtykke.servlet.ConsentContext} (the current request's consent, from anywhere on its thread)
 * and {@link dev.samtykke.servlet.SamtykkeConfig}.
 */
package dev.samtykke.servlet;
