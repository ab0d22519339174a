/**
 * The Spring Boot auto-configuration of Samtykke and its start-up failure analyzers.
 */
package dev.samtykke.spring.autoconfigure;
