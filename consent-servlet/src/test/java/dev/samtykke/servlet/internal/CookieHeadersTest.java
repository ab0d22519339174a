package dev.samtykke.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class CookieHeadersTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void findsACookieAmongOthersWithAnySpacing() {
        assertThat(CookieHeaders.find("a=1; consent=xyz; b=2", "consent")).isEqualTo("xyz");
        assertThat(CookieHeaders.find("consent=xyz", "consent")).isEqualTo("xyz");
        assertThat(CookieHeaders.find("a=1;consent = \"xyz\" ;b", "consent")).isEqualTo("xyz");
        assertThat(CookieHeaders.find("myconsent=1; consentx=2", "consent")).isNull();
        assertThat(CookieHeaders.find("consent", "consent")).isNull();
        assertThat(CookieHeaders.find(";;=;consent=;", "consent")).isEmpty();
        assertThat(CookieHeaders.find((String) null, "consent")).isNull();
    }

    @Test
    void findsTheCookieInTheFirstHeaderWithoutListingTheOthers() {
        HttpServletRequest request = mock(HttpServletRequest.class);

        assertThat(CookieHeaders.find(request, "a=1; consent=xyz", "consent")).isEqualTo("xyz");
        org.mockito.Mockito.verify(request, org.mockito.Mockito.never()).getHeaders("Cookie");
    }

    @Test
    void looksInEveryCookieHeaderWhereTheFirstLacksTheCookie() {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getHeaders("Cookie")).thenAnswer(i -> Collections.enumeration(List.of("a=1", "b=2; consent=xyz")));

        assertThat(CookieHeaders.find(request, "a=1", "consent")).isEqualTo("xyz");
        assertThat(CookieHeaders.find(request, "a=1", "other")).isNull();
        // a request wrapper that lists a Cookie header its getHeader does not give
        assertThat(CookieHeaders.find(request, null, "consent")).isEqualTo("xyz");
    }

    @Test
    void listsTheNamesOfEveryCookieHeaderOnce() {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getHeaders("Cookie")).thenReturn(Collections.enumeration(List.of("a=1; _ga=2", "_ga=3; b=; =x; c")));

        assertThat(CookieHeaders.names(request)).containsExactly("a", "_ga", "b");
    }

    @Test
    void readsTheNameOfASetCookieHeader() {
        assertThat(CookieHeaders.setCookieName("_ga=GA1; Path=/")).isEqualTo("_ga");
        assertThat(CookieHeaders.setCookieName(" _ga =x")).isEqualTo("_ga");
        assertThat(CookieHeaders.setCookieName("Path=/")).isEqualTo("Path");
        assertThat(CookieHeaders.setCookieName("garbage")).isNull();
        assertThat(CookieHeaders.setCookieName("x; a=b")).isNull();
        assertThat(CookieHeaders.setCookieName("=v")).isNull();
    }

    @Test
    void recognisesDeletions() {
        assertThat(CookieHeaders.isExpiring("_ga=; Max-Age=0", NOW)).isTrue();
        assertThat(CookieHeaders.isExpiring("_ga=; max-age=-1", NOW)).isTrue();
        assertThat(CookieHeaders.isExpiring("_ga=; Expires=Thu, 01 Jan 1970 00:00:00 GMT", NOW)).isTrue();
        assertThat(CookieHeaders.isExpiring("_ga=1; Max-Age=60; Expires=Thu, 01 Jan 1970 00:00:00 GMT", NOW)).isFalse();
        assertThat(CookieHeaders.isExpiring("_ga=1; Expires=Fri, 01 Jan 2100 00:00:00 GMT", NOW)).isFalse();
        assertThat(CookieHeaders.isExpiring("_ga=1; Max-Age=soon", NOW)).isFalse();
        assertThat(CookieHeaders.isExpiring("_ga=1; Expires=never", NOW)).isFalse();
        assertThat(CookieHeaders.isExpiring("_ga=1", NOW)).isFalse();
    }

    @Test
    void writesTheConsentCookieAttributes() {
        assertThat(CookieHeaders.setCookie("consent", "v", 100, null, false, false))
                .isEqualTo("consent=v; Path=/; Max-Age=100; SameSite=Lax");
        assertThat(CookieHeaders.setCookie("consent", "v", 100, "example.com", true, false))
                .isEqualTo("consent=v; Path=/; Domain=example.com; Max-Age=100; SameSite=Lax; Secure");
        assertThat(CookieHeaders.setCookie("_ga", "", 0, null, false, true))
                .isEqualTo("_ga=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; SameSite=Lax; HttpOnly");
    }

    @Test
    void expiresOnTheConfiguredDomainAndTheHostsDomainsShortestFirst() {
        assertThat(CookieHeaders.expiryDomains("www.jackon.no", null)).containsExactly(null, "jackon.no", "www.jackon.no");
        assertThat(CookieHeaders.expiryDomains("WWW.Jackon.NO.", ".jackon.no"))
                .containsExactly(null, "jackon.no", "www.jackon.no");
        assertThat(CookieHeaders.expiryDomains("shop.example.co.uk", null))
                .as("co.uk is offered; browsers ignore a public suffix")
                .containsExactly(null, "co.uk", "example.co.uk", "shop.example.co.uk");
        assertThat(CookieHeaders.expiryDomains("a.b.c.d.e.example", null))
                .as("deep hosts keep the shortest domains, where analytics cookies live")
                .containsExactly(null, "e.example", "d.e.example", "c.d.e.example", "b.c.d.e.example");
    }

    @Test
    void expiresHostOnlyForAddressesSingleLabelsAndOddHosts() {
        assertThat(CookieHeaders.expiryDomains("127.0.0.1", null)).containsExactly((String) null);
        assertThat(CookieHeaders.expiryDomains("[::1]", null)).containsExactly((String) null);
        assertThat(CookieHeaders.expiryDomains("localhost", "example.com")).containsExactly(null, "example.com");
        assertThat(CookieHeaders.expiryDomains("evil.example;x=1", null)).containsExactly((String) null);
        assertThat(CookieHeaders.expiryDomains("a..example", null)).containsExactly((String) null);
        assertThat(CookieHeaders.expiryDomains(null, null)).containsExactly((String) null);
        assertThat(CookieHeaders.expiryDomains("x".repeat(250) + ".example", null)).containsExactly((String) null);
    }
}
