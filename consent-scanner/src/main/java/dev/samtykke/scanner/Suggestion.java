package dev.samtykke.scanner;

/**
 * What the Open Cookie Database says about an undeclared cookie or storage key. Only a suggestion: it is
 * never applied to a policy.
 *
 * @param name the undeclared name as seen
 * @param storage {@code cookie}, {@code localStorage} or {@code sessionStorage}
 * @param known whether the database knows it (when not, the other fields are empty)
 * @param platform the product that sets it, e.g. {@code Google Analytics}
 * @param category the database's category: Functional, Analytics, Marketing, Personalization, Security
 * @param provider the data controller, e.g. {@code Google}
 * @param description what it stores
 * @param retention how long it lives, in the database's words
 * @param declaredName the name to declare: the database's pattern ({@code _ga_*}) or the name seen
 */
public record Suggestion(String name, String storage, boolean known, String platform, String category, String provider,
                         String description, String retention, String declaredName) {
}
