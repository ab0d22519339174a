package dev.samtykke.core.policy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.samtykke.core.policy.PolicyFixtures.at;
import static dev.samtykke.core.policy.PolicyFixtures.bytes;
import static dev.samtykke.core.policy.PolicyFixtures.jackonWith;
import static dev.samtykke.core.policy.PolicyFixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;

/** Services declare the hosts they contact; declarations may name localStorage and sessionStorage keys. */
class HostsAndStorageTest {

    private static ConsentPolicy load(tools.jackson.databind.node.ObjectNode doc) {
        return PolicyLoader.fromString(new String(bytes(doc), java.nio.charset.StandardCharsets.UTF_8), PolicyLoader.Format.JSON, "t.json");
    }

    @Test
    void readsHostsAndStorageKeys() {
        ConsentPolicy policy = load(jackonWith(d -> {
            at(d, "/services/2").putArray("hosts").add("www.googletagmanager.com").add("*.google-analytics.com");
            at(d, "/services/2/cookies/1").put("storage", "localStorage").put("name", "ga:clientId");
        }));

        Service ga = policy.services().get(2);
        assertThat(ga.hosts()).containsExactly("www.googletagmanager.com", "*.google-analytics.com");
        assertThat(ga.cookies().get(0).storage()).isEqualTo(StorageKind.COOKIE);
        assertThat(ga.cookies().get(1).storage()).isEqualTo(StorageKind.LOCAL_STORAGE);
        assertThat(ga.cookies().get(1).isCookie()).isFalse();
    }

    @Test
    void aPolicyWithoutHostsOrStorageReadsAsBefore() {
        ConsentPolicy policy = load(jackonWith(d -> d.withArray("services").forEach(s -> ((tools.jackson.databind.node.ObjectNode) s).remove("hosts"))));

        assertThat(policy.services()).allSatisfy(s -> {
            assertThat(s.hosts()).isEmpty();
            assertThat(s.cookies()).allSatisfy(c -> assertThat(c.storage()).isEqualTo(StorageKind.COOKIE));
        });
    }

    @Test
    void hostPatternsMatchSubdomainsOnlyAndExactNamesExactly() {
        Service s = new Service("s", "S", new Provider("P", null, null), null, List.of("analytics"), null, null, false,
                List.of("connect.facebook.net", "*.google-analytics.com"));

        assertThat(s.matchesHost("connect.facebook.net")).isTrue();
        assertThat(s.matchesHost("CONNECT.facebook.net")).isTrue();
        assertThat(s.matchesHost("x.connect.facebook.net")).isFalse();
        assertThat(s.matchesHost("region1.google-analytics.com")).isTrue();
        assertThat(s.matchesHost("a.b.google-analytics.com")).isTrue();
        assertThat(s.matchesHost("google-analytics.com")).isFalse();
        assertThat(s.matchesHost("evilgoogle-analytics.com")).isFalse();
        assertThat(s.matchesHost("")).isFalse();
    }

    @Test
    void reportsMalformedAndDuplicateHostsAndUnknownStorage() {
        List<String> problems = problems(jackonWith(d -> {
            at(d, "/services/2").putArray("hosts").add("https://x.com").add("a.com").add("a.com").add("*.");
            at(d, "/services/2/cookies/0").put("storage", "indexedDB");
            at(d, "/services/2/cookies/1").put("storage", "localStorage").put("domain", "x.com");
        }));

        assertThat(problems).anyMatch(p -> p.startsWith("services[2].hosts[0]: invalid host 'https://x.com'"))
                .anyMatch(p -> p.startsWith("services[2].hosts[2]: duplicate host 'a.com'"))
                .anyMatch(p -> p.startsWith("services[2].hosts[3]: invalid host '*.'"))
                .anyMatch(p -> p.startsWith("services[2].cookies[0].storage: unknown storage 'indexedDB'"))
                .anyMatch(p -> p.startsWith("services[2].cookies[1].domain: a localStorage key has no domain"))
                .hasSize(4 + 1);
    }

    @Test
    void aStorageKeyMayShareACookiesNameAndIsNotIndexedAsACookie() {
        ConsentPolicy policy = load(jackonWith(d -> at(d, "/services/3").withArray("cookies")
                .addObject().put("name", "_ga").put("storage", "localStorage").put("duration", "P2Y")));

        CookieMatch match = policy.cookies().find("_ga");
        assertThat(match).isNotNull();
        assertThat(match.service().id()).isEqualTo("google-analytics");
        assertThat(match.declaration().isCookie()).isTrue();
    }

    @Test
    void aStorageKeyDeclaredTwiceIsReported() {
        List<String> problems = problems(jackonWith(d -> {
            at(d, "/services/2").withArray("cookies").addObject().put("name", "k").put("storage", "sessionStorage").put("duration", "session");
            at(d, "/services/3").withArray("cookies").addObject().put("name", "k").put("storage", "sessionStorage").put("duration", "session");
        }));

        assertThat(problems).singleElement().asString().contains("'k' is declared by service 'google-analytics' too");
    }

    @Test
    void theNoticeListsHostsAndSaysWhereAStorageKeyIsKept() {
        ConsentPolicy policy = load(jackonWith(d -> at(d, "/services/2/cookies/1").put("storage", "sessionStorage")));

        String notice = dev.samtykke.core.notice.NoticeRenderer.render(policy, java.util.Locale.ENGLISH,
                dev.samtykke.core.notice.NoticeFormat.MARKDOWN);

        assertThat(notice).contains("- **Contacts:** www.googletagmanager.com, \\*.google-analytics.com")
                .contains("| \\_ga\\_\\* |").contains("Kept in your browser until the tab closes (sessionStorage)");
    }
}
