/**
 * The privacy console's API for a servlet application: {@link dev.samtykke.servlet.console.PrivacyConsole}, served
 * under {@code {base}/admin/} only to the users a {@link dev.samtykke.servlet.console.ConsoleAuthorizer} of the
 * application admits, and the {@link dev.samtykke.servlet.console.AuditTrail} of what they did. See
 * {@code docs/console.md}.
 */
package dev.samtykke.servlet.console;
