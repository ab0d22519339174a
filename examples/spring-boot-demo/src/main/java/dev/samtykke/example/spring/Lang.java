package dev.samtykke.example.spring;

import java.util.Locale;

/** The site's two languages and their paths: Norwegian at the root, English under {@code /en}. */
public enum Lang {
    /** Norwegian Bokmål. */
    NB("nb", "", "/produkter/", "/kontakt", "/personvern"),
    /** English. */
    EN("en", "/en", "/en/products/", "/en/contact", "/en/privacy");

    private final String tag;
    private final String home;
    private final String products;
    private final String contact;
    private final String privacy;

    Lang(String tag, String home, String products, String contact, String privacy) {
        this.tag = tag;
        this.home = home;
        this.products = products;
        this.contact = contact;
        this.privacy = privacy;
    }

    /** The language of a path inside the site. */
    public static Lang ofPath(String path) {
        return path.equals("/en") || path.startsWith("/en/") ? EN : NB;
    }

    /** The language tag, e.g. {@code nb}. */
    public String tag() {
        return tag;
    }

    /** The locale. */
    public Locale locale() {
        return Locale.forLanguageTag(tag);
    }

    /** The home page's path. */
    public String home() {
        return home.isEmpty() ? "/" : home;
    }

    /** A product page's path. */
    public String product(String id) {
        return products + id;
    }

    /** The contact page's path. */
    public String contact() {
        return contact;
    }

    /** The thank-you page's path. */
    public String thanks() {
        return contact + (this == NB ? "/takk" : "/thanks");
    }

    /** The privacy page's path (the policy's notice URL). */
    public String privacy() {
        return privacy;
    }

    /** The other language. */
    public Lang other() {
        return this == NB ? EN : NB;
    }
}
