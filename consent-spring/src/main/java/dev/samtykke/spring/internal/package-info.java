/**
 * Implementation of the Spring integration: annotation look-up, the method interceptor and its
 * post-processor, the MVC interceptor and resolvers, metrics. Not API: may change in any release.
 */
package dev.samtykke.spring.internal;
