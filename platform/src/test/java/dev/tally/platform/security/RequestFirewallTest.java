package dev.tally.platform.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import java.util.Random;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The firewall's rules without regular expressions decide every character as Spring Security's expressions do. */
class RequestFirewallTest {

    @Test
    void everyCodePointIsDecidedAsSpringSecurityDecidesIt() {
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            String text = "a" + new String(Character.toChars(c)) + "b";
            assertThat(RequestFirewall.assignedAndNoControl(text)).as("U+%04X", c)
                    .isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_NAMES.test(text));
            assertThat(RequestFirewall.headerValue(text)).as("U+%04X", c)
                    .isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(text));
        }
    }

    @Test
    void loneSurrogatesAndMixedTextAreDecidedAsSpringSecurityDecidesThem() {
        Random random = new Random(42);
        char[] alphabet = {'a', 'Z', '0', ' ', '\t', '\n', '\u0000', '\u007f', '\u0085', '\u00e9', '\u20ac', '\ud83d', '\ude00',
                '\udc00', '\ud800', '\u0378', '\uffff', '\ufeff', '='};
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(8); i > 0; i--) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String s = text.toString();
            assertThat(RequestFirewall.assignedAndNoControl(s)).as(s).isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_NAMES.test(s));
            assertThat(RequestFirewall.headerValue(s)).as(s).isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(s));
        }
    }

    @Test
    void theFirewallRefusesAHeaderWithAControlCharacterWhenItIsRead() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/accounts");
        request.addHeader("X-Note", "fine\u0007");
        request.addHeader("X-Tab", "a\tb");
        var firewalled = RequestFirewall.strict().getFirewalledRequest(request);

        assertThat(firewalled.getHeader("X-Tab")).isEqualTo("a\tb");
        assertThatThrownBy(() -> firewalled.getHeader("X-Note")).isInstanceOf(RequestRejectedException.class);
    }

    @Test
    void parameterNamesAreCheckedToo() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/accounts");
        request.addParameter("bad\u0001", "x");
        Predicate<String> springs = StrictHttpFirewall.ALLOWED_PARAMETER_NAMES;
        assertThat(springs.test("bad\u0001")).isFalse();
        assertThatThrownBy(() -> RequestFirewall.strict().getFirewalledRequest(request).getParameterMap())
                .isInstanceOf(RequestRejectedException.class);
    }
}
