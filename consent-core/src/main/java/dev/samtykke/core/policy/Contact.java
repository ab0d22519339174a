package dev.samtykke.core.policy;

/**
 * How to reach a controller or authority. Every field is optional ({@code null} when absent).
 *
 * @param email an e-mail address
 * @param phone a telephone number
 * @param address a postal address
 * @param url a web address
 */
public record Contact(String email, String phone, LocalizedText address, String url) {

    /** No contact details. */
    public static final Contact NONE = new Contact(null, null, LocalizedText.EMPTY, null);

    /** Creates contact details; an absent address becomes empty. */
    public Contact {
        address = address == null ? LocalizedText.EMPTY : address;
    }
}
