package dev.samtykke.servlet;

import jakarta.servlet.http.HttpServletRequest;

import java.security.Principal;
import java.util.Optional;

/**
 * Tells Samtykke who is signed in, so that a decision follows the account from device to device.
 *
 * <p>Where a resolver is configured ({@link Samtykke.Builder#subjectResolver}) and it names an account for a
 * request, a decision the visitor makes is recorded twice in one transaction: under the device's pseudonymous
 * subject (the consent cookie's, as always) and under the account's, an id keyed-hashed from the account name
 * ({@link dev.samtykke.core.consent.AccountKey}; the raw name is never stored). On every request of a signed-in
 * visitor, the account's latest decision is looked up; if it is newer than the device's cookie and still counts
 * under the policy (same MAJOR version, not expired), it is applied: recorded for the device (method
 * {@code account}) and sent as a new consent cookie, with the cookies it withdraws expired. So a decision made on
 * one device reaches the others at their next request, and a signed-in visitor on a new device is not asked again.
 *
 * <p>The resolver runs on every request the consent filter sees, before the application: it must be cheap and
 * must not throw (an exception is logged and counts as "nobody signed in").
 */
@FunctionalInterface
public interface SubjectResolver {

    /**
     * The stable name of the account signed in on this request.
     *
     * @param request the request
     * @return the account's name (user name, account number; anything that names one account for good), or empty
     *         when nobody is signed in
     */
    Optional<String> account(HttpServletRequest request);

    /**
     * The container's signed-in user: {@link HttpServletRequest#getUserPrincipal()}'s name.
     *
     * @return a resolver of the request's user principal
     */
    static SubjectResolver userPrincipal() {
        return request -> {
            Principal principal = request.getUserPrincipal();
            return principal == null ? Optional.empty() : Optional.ofNullable(principal.getName()).filter(n -> !n.isBlank());
        };
    }
}
