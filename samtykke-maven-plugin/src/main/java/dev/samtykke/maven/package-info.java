/**
 * The Samtykke Maven plugin: goals {@code lint}, {@code diff}, {@code render} and {@code scan}, each
 * bindable to a phase so that a policy repository or a web app fails its build on a problem.
 */
package dev.samtykke.maven;
