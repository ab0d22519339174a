/**
 * Comparing two versions of a policy: {@link dev.samtykke.core.diff.PolicyDiff#between} lists every
 * difference with its path and the {@link dev.samtykke.core.diff.DiffRule} it triggered, classifies
 * the change as MAJOR (a grant given under the old file would cover more than the visitor agreed to)
 * or MINOR, and checks that the new version is bumped far enough.
 */
package dev.samtykke.core.diff;
