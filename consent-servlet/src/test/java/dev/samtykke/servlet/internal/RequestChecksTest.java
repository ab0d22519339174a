package dev.samtykke.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class RequestChecksTest {

    private static HttpServletRequest request(String scheme, String host, int port) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getScheme()).thenReturn(scheme);
        when(request.getServerName()).thenReturn(host);
        when(request.getServerPort()).thenReturn(port);
        return request;
    }

    @Test
    void ownOriginOmitsTheDefaultPort() {
        assertThat(RequestChecks.ownOrigin(request("https", "WWW.Example.com", 443))).isEqualTo("https://www.example.com");
        assertThat(RequestChecks.ownOrigin(request("http", "localhost", 8081))).isEqualTo("http://localhost:8081");
        assertThat(RequestChecks.ownOrigin(request("http", "::1", 80))).isEqualTo("http://[::1]");
    }

    @Test
    void originsAreNormalisedOrRefused() {
        assertThat(RequestChecks.normaliseOrigin("https://www.example.com:443")).isEqualTo("https://www.example.com");
        assertThat(RequestChecks.normaliseOrigin("HTTP://Example.com:8080")).isEqualTo("http://example.com:8080");
        assertThat(RequestChecks.normaliseOrigin("null")).isNull();
        assertThat(RequestChecks.normaliseOrigin("https://user@example.com")).isNull();
        assertThat(RequestChecks.normaliseOrigin("https://example.com/path")).isNull();
        assertThat(RequestChecks.normaliseOrigin("::not a uri")).isNull();
    }

    @Test
    void trustedOriginPassesBehindAProxy() {
        HttpServletRequest request = request("http", "app-internal", 8080);
        when(request.getHeader("Origin")).thenReturn("https://www.example.com");

        assertThatCode(() -> RequestChecks.requireSameOrigin(request, Set.of("https://www.example.com"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> RequestChecks.requireSameOrigin(request, Set.of())).isInstanceOf(HttpProblem.class);
    }

    @Test
    void anUnreadBodyEndsOnlyHttp1Connections() {
        HttpServletRequest http1 = mock(HttpServletRequest.class);
        when(http1.getProtocol()).thenReturn("HTTP/1.1");
        when(http1.getContentLengthLong()).thenReturn(18L);
        HttpServletRequest chunked = mock(HttpServletRequest.class);
        when(chunked.getProtocol()).thenReturn("HTTP/1.1");
        when(chunked.getContentLengthLong()).thenReturn(-1L);
        when(chunked.getHeader("Transfer-Encoding")).thenReturn("chunked");
        HttpServletRequest http2 = mock(HttpServletRequest.class);
        when(http2.getProtocol()).thenReturn("HTTP/2.0");
        when(http2.getContentLengthLong()).thenReturn(18L);
        HttpServletRequest noBody = mock(HttpServletRequest.class);
        when(noBody.getProtocol()).thenReturn("HTTP/1.1");
        when(noBody.getContentLengthLong()).thenReturn(-1L);

        assertThat(RequestChecks.hasUnreadBody(http1)).isTrue();
        assertThat(RequestChecks.hasUnreadBody(chunked)).isTrue();
        assertThat(RequestChecks.hasUnreadBody(http2)).as("HTTP/2 has no Connection header").isFalse();
        assertThat(RequestChecks.hasUnreadBody(noBody)).isFalse();
    }
}
