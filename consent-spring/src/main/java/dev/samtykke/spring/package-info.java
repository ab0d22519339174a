/**
 * Samtykke for Spring Boot: {@link dev.samtykke.spring.RequiresConsent} on handlers and bean methods,
 * {@link dev.samtykke.spring.SamtykkeProperties} ({@code samtykke.*}), the template bean
 * {@link dev.samtykke.spring.ConsentTemplateHelper} ({@code @consent}). The auto-configuration lives in
 * {@code dev.samtykke.spring.autoconfigure}; {@code dev.samtykke.spring.internal} is not API.
 */
package dev.samtykke.spring;
