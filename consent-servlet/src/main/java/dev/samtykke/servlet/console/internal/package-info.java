/** The privacy console's parts; not an API. */
package dev.samtykke.servlet.console.internal;
