package dev.samtykke.servlet;

/**
 * What {@link ConsentFilter} does with a cookie the application sets but the policy does not declare.
 * Either way the cookie's name is reported once (logged at INFO, listed by {@link UndeclaredCookies}).
 */
public enum UndeclaredCookiePolicy {
    /** Let the cookie through (the default: a forgotten declaration does not break the site). */
    ALLOW,
    /** Drop the cookie, as if it served a purpose that was not granted. */
    BLOCK
}
