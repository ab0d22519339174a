package dev.samtykke.scanner;

/**
 * A cookie the browser held after a visit (of any party, {@code HttpOnly} included). Its value is never kept.
 *
 * @param name the cookie's name
 * @param domain the domain it is set on
 * @param httpOnly whether scripts cannot read it
 */
public record SeenCookie(String name, String domain, boolean httpOnly) {
}
