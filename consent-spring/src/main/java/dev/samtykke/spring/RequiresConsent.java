package dev.samtykke.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a method only when the visitor of the current request has granted every named purpose.
 *
 * <ul>
 *   <li>On a Spring MVC handler method or controller class: when not granted, the handler does not run
 *       and the answer is {@link #status()} (by default {@code samtykke.web.not-granted-status}, 204) with
 *       an empty body.</li>
 *   <li>On a method (or the class) of any other Spring bean: the bean is proxied, and when not granted
 *       the method does not run; it returns an empty value ({@code null}, {@code Optional.empty()}, an
 *       empty collection, map, stream or array, {@code 0} or {@code false}) or throws
 *       {@link ConsentRequiredException}, as {@link #whenNotGranted()} says.</li>
 * </ul>
 * The decision is the request's {@code ConsentState}. Outside a request (no consent bound to the thread:
 * a scheduled job, another thread, a call before the consent filter) nothing is granted: the method
 * does not run (fail closed). As with every Spring proxy, a call from within the same bean
 * ({@code this.track()}) does not pass the proxy and is not gated.
 *
 * <p>A method's annotation takes precedence over its class's. With the auto-configuration, start-up
 * stops with {@link UnknownConsentPurposeException} if an annotation on a bean names an id the policy
 * does not declare, or no id; an unknown id reaching the check at run time anyway is never granted.
 *
 * <pre>{@code
 * @RequiresConsent("analytics")
 * public void pageView(String path) { ... }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface RequiresConsent {

    /**
     * The ids of the purposes that must all be granted.
     *
     * @return one or more purpose ids of the policy
     */
    String[] value();

    /**
     * A service that must be allowed too: all of its purposes granted and, beneath a purpose the policy asks for per
     * service ({@code choicePerService}), the service itself not refused. Empty (the default) for none.
     *
     * @return a service id of the policy, or {@code ""}
     */
    String service() default "";

    /**
     * What a bean method does when consent is missing (not used for Spring MVC handlers, which answer
     * {@link #status()}).
     *
     * @return {@link WhenNotGranted#RETURN_EMPTY} by default
     */
    WhenNotGranted whenNotGranted() default WhenNotGranted.RETURN_EMPTY;

    /**
     * The HTTP status a Spring MVC handler answers when consent is missing; {@code 0} (the default)
     * means {@code samtykke.web.not-granted-status} (204 unless configured).
     *
     * @return an HTTP status, or 0
     */
    int status() default 0;

    /** What a gated bean method does when the purposes are not all granted. */
    enum WhenNotGranted {
        /** Do not run; return {@code null}, an empty container, {@code 0} or {@code false}. */
        RETURN_EMPTY,
        /** Do not run; throw {@link ConsentRequiredException}. */
        THROW
    }
}
