/**
 * The human-readable privacy notice rendered from a policy: {@link dev.samtykke.core.notice.NoticeRenderer}
 * writes the controller, purposes, legal bases, data categories, retention, services, cookies,
 * processors and rights as an HTML fragment or as Markdown, in any of the policy's locales;
 * {@link dev.samtykke.core.notice.Durations} turns a policy duration into words ("2 år", "Session").
 */
package dev.samtykke.core.notice;
