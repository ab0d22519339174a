package dev.samtykke.servlet.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** How {@code Set-Cookie} headers are read as deletions, case by case (RFC 6265bis §5.7, §5.1.1). */
class SetCookieReadingTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            _ga=x; Max-Age=0                                                    | true
            _ga=x; Max-Age=0; Max-Age=63072000                                  | false
            _ga=x; Max-Age=63072000; Max-Age=0                                  | true
            _ga=x; Max-Age=-1                                                   | true
            _ga=x; Max-Age=-0                                                   | true
            _ga=x; Max-Age=-99999999999999999999999                             | true
            _ga=x; Max-Age=99999999999999999999999                              | false
            _ga=x; Max-Age=000                                                  | true
            _ga=x; Max-Age=+5                                                   | false
            _ga=x; Max-Age=+0                                                   | false
            _ga=x; Max-Age=0; Max-Age=+5                                        | false
            _ga=x; Max-Age=0; Max-Age=5s                                        | false
            _ga=x; Max-Age=0; Max-Age=                                          | false
            _ga=x; Max-Age=0; Max-Age                                           | false
            _ga=x; Max-Age=-                                                    | false
            _ga=x; Max-Age="0"                                                  | false
            _ga=x; Max-Age=0; Expires=Fri, 01 Jan 2100 00:00:00 GMT             | true
            _ga=x; Expires=Fri, 01 Jan 2100 00:00:00 GMT; Max-Age=0             | true
            _ga=x; Max-Age=60; Expires=Thu, 01 Jan 1970 00:00:00 GMT            | false
            _ga=x; Expires=Thu, 01 Jan 1970 00:00:00 GMT                        | true
            _ga=x; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Expires=Fri, 01 Jan 2100 00:00:00 GMT | false
            _ga=x; Expires=Fri, 01 Jan 2100 00:00:00 GMT; Expires=Thu, 01 Jan 1970 00:00:00 GMT | true
            _ga=x; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Expires=never         | false
            _ga=x; Expires=Sun, 01 Jan 0069 00:00:00 GMT                        | false
            _ga=x; Expires=Sun, 01 Jan 69 00:00:00 GMT                          | false
            _ga=x; Expires=Thu, 01 Jan 70 00:00:00 GMT                          | true
            _ga=x; Expires=Fri, 01 Jan 99 00:00:00 GMT                          | true
            _ga=x; Expires=Tue, 01 Jan 00 00:00:00 GMT                          | true
            _ga=x; Expires=Wed, 25 Nov 26 11:59:59 GMT                          | true
            _ga=x; Expires=Wed, 25 Nov 26 12:00:00 GMT                          | false
            _ga=x; Expires=Thursday, 01-Jan-70 00:00:01 GMT                     | true
            _ga=x; Expires=Thu Jan  1 00:00:00 1970                             | true
            _ga=x; Expires="Thu, 01 Jan 1970 00:00:00 GMT"                      | true
            _ga=x; Expires=1970 00:00:00 jan 1                                  | true
            _ga=x; Expires=Thu, 31 Feb 1970 00:00:00 GMT                        | false
            _ga=x; Expires=Thu, 01 Jan 1970 24:00:00 GMT                        | false
            _ga=x; Expires=Thu, 01 Jan 1970 00:60:00 GMT                        | false
            _ga=x; Expires=Thu, 32 Jan 1970 00:00:00 GMT                        | false
            _ga=x; Expires=Thu, 00 Jan 1970 00:00:00 GMT                        | false
            _ga=x; Expires=Mon, 01 Jan 1600 00:00:00 GMT                        | false
            _ga=x; Expires=Thu, 01 Jan 1970                                     | false
            _ga=x; Expires=Thu, 01 Jan 1970 00:00:000 GMT                       | false
            _ga=x; Expires=Thu, 01 Jxn 1970 00:00:00 GMT                        | false
            _ga=x; Expires=                                                     | false
            _ga=x; Expires=never                                                | false
            _ga=x; Expıres=Thu, 01 Jan 1970 00:00:00 GMT                        | false
            _ga=x; Max-Aǵe=0                                                    | false
            _ga=x; Expires=Thu, 01 Jän 1970 00:00:00 GMT                        | false
            _ga=x ;  mAx-AgE =  0                                               | true
            _ga=x;	Max-Age	=	0	                                                | true
            _ga=x; EXPIRES = Thu, 01 Jan 1970 00:00:00 GMT                      | true
            _ga=x;;; ; Max-Age=0 ;                                              | true
            _ga=x; Path=/; Max-Age=0; Path=/a; Secure; HttpOnly                 | true
            _ga=x; Max-Age=1; Secure; Max-Age=0; Expires=garbage                | false
            _ga=x                                                               | false
            _ga=x; Max-Age=soon                                                 | false
            Max-Age=0                                                           | false
            _ga=x; Path=/; Max-Age=0=0                                          | false
            """)
    void readsDeletionsAsBrowsersDo(String header, boolean deletion) {
        assertThat(CookieHeaders.isExpiring(header, NOW)).isEqualTo(deletion);
    }
}
