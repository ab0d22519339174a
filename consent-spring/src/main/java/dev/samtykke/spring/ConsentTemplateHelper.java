package dev.samtykke.spring;

import dev.samtykke.core.consent.ConsentState;
import dev.samtykke.core.signal.GoogleConsentMode;
import dev.samtykke.servlet.ConsentContext;
import dev.samtykke.servlet.Samtykke;

import java.util.Objects;

/**
 * The current request's consent for templates, registered as the bean {@code consent}:
 *
 * <pre>{@code
 * <script th:if="${@consent.allows('analytics')}" src="/js/analytics.js"></script>
 * <script th:with="js=${@consent.bannerScriptPath()}" th:src="@{${js}}" defer></script>
 * }</pre>
 * (Thymeleaf 3.1 refuses a bean reference inside {@code @{...}} or an inlined script: take it into a
 * variable with {@code th:with} first.)
 *
 * Every question is answered from the consent the filter bound to the request's thread. Outside a
 * request (no consent bound) it answers as for a visitor who has decided nothing: nothing that needs
 * consent is allowed.
 */
public final class ConsentTemplateHelper {

    private final Samtykke samtykke;
    private final ConsentState undecided;

    /**
     * @param samtykke the application's Samtykke
     */
    public ConsentTemplateHelper(Samtykke samtykke) {
        this.samtykke = Objects.requireNonNull(samtykke, "samtykke");
        this.undecided = samtykke.evaluator().evaluate(null, false);
    }

    /**
     * The current request's consent, or the undecided state outside a request.
     *
     * @return the state
     */
    public ConsentState state() {
        return ConsentContext.find().orElse(undecided);
    }

    /**
     * Whether the visitor allows a purpose.
     *
     * @param purposeId a purpose id of the policy
     * @return {@code true} if granted (or not consent-based)
     */
    public boolean allows(String purposeId) {
        return state().allows(purposeId);
    }

    /**
     * Whether the visitor allows every purpose of a service.
     *
     * @param serviceId a service id of the policy
     * @return {@code true} if allowed
     */
    public boolean allowsService(String serviceId) {
        return state().allowsService(serviceId);
    }

    /**
     * Whether the visitor allows every purpose of a category.
     *
     * @param categoryId a category id of the policy
     * @return {@code true} if allowed
     */
    public boolean allowsCategory(String categoryId) {
        return state().allowsCategory(categoryId);
    }

    /**
     * Whether a cookie may be set; an undeclared cookie may not.
     *
     * @param cookieName the cookie's name
     * @return {@code true} if allowed
     */
    public boolean allowsCookie(String cookieName) {
        return state().allowsCookie(cookieName);
    }

    /**
     * Whether the banner should ask the visitor.
     *
     * @return {@code true} when there is no current decision or it does not cover every purpose
     */
    public boolean needsPrompt() {
        return state().needsPrompt();
    }

    /**
     * Whether the request carried the Global Privacy Control signal.
     *
     * @return {@code true} for {@code Sec-GPC: 1}
     */
    public boolean gpc() {
        return state().gpc();
    }

    /**
     * Google Consent Mode's {@code default} command as JSON, to render before any Google tag: the
     * {@code wait_for_update} and {@code region} the policy sets in {@code banner.consentMode}.
     *
     * @return e.g. {@code {"ad_storage":"denied",…,"security_storage":"granted","wait_for_update":500}}
     */
    public String consentModeDefaultJson() {
        return GoogleConsentMode.defaultCommandJson(samtykke.policy());
    }

    /**
     * Google Consent Mode's {@code update} command for the current request as JSON.
     *
     * @return type to {@code granted}/{@code denied}
     */
    public String consentModeUpdateJson() {
        return GoogleConsentMode.updateJson(state());
    }

    /**
     * Where the consent endpoints are, inside the web application.
     *
     * @return e.g. {@code /consent}
     */
    public String basePath() {
        return samtykke.config().basePath();
    }

    /**
     * The banner script's path inside the web application.
     *
     * @return e.g. {@code /consent/banner.js}
     */
    public String bannerScriptPath() {
        return basePath() + "/banner.js";
    }

    /**
     * The banner style sheet's path inside the web application.
     *
     * @return e.g. {@code /consent/banner.css}
     */
    public String bannerStylePath() {
        return basePath() + "/banner.css";
    }
}
