/**
 * The site scanner: crawls a running site in headless Chromium in three consent states (no decision,
 * after "Reject all", after "Accept all") and compares the cookies, storage keys and requests it sees
 * with the policy. Entry point: {@link dev.samtykke.scanner.SiteScanner}.
 */
package dev.samtykke.scanner;
