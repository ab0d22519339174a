/**
 * The {@code samtykke} command-line tool ({@link dev.samtykke.cli.SamtykkeCli}): lint, render, diff
 * and list the cookies of policy files, for a policy repository's CI.
 */
package dev.samtykke.cli;
