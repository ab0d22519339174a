/** Spring Boot auto-configuration for Samtykke. */
package dev.samtykke.spring;
