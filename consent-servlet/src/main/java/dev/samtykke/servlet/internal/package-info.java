/**
 * Implementation details of the servlet adapter (header parsing, request checks, JSON, the response
 * wrapper). Not an API: may change in any release.
 */
package dev.samtykke.servlet.internal;
