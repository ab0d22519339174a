/**
 * The policy model: one immutable description of a site's purposes, cookie categories, services,
 * cookies, data categories and processors, loaded from a JSON or YAML policy file with
 * {@link dev.samtykke.core.policy.PolicyLoader} and validated with
 * {@link dev.samtykke.core.policy.PolicyValidator}.
 */
package dev.samtykke.core.policy;
