package dev.sluice.plugins.guardrail.pii;

import static dev.sluice.plugins.guardrail.pii.Checks.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressDetectorTest {

    @Test
    void findsIpv4WithoutAPortOrFullStop() {
        assertThat(found(Kind.IP_ADDRESS, "from 192.0.2.10:8080 and 203.0.113.254.")).containsExactly(
                "192.0.2.10", "203.0.113.254");
    }

    @ParameterizedTest
    @ValueSource(strings = {"999.1.1.1", "256.10.10.10", "01.02.03.04", "1.2.3.4.5", "192.0.2", "v1.2.3.4",
        "version 2.0.0.1"})
    void rejectsInvalidOctetsAndVersions(String text) {
        assertThat(found(Kind.IP_ADDRESS, text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2001:db8::1", "2001:0db8:0000:0000:0000:ff00:0042:8329", "fe80::1ff:fe23:4567:890a",
        "::ffff:192.0.2.128", "2001:db8::"})
    void findsIpv6IncludingCompressedForms(String address) {
        assertThat(found(Kind.IP_ADDRESS, "addr " + address + " up")).containsExactly(address);
    }

    @Test
    void findsIpv6InBracketsBeforeAPort() {
        assertThat(found(Kind.IP_ADDRESS, "http://[2001:db8:85a3::8a2e:370:7334]:443/")).containsExactly(
                "2001:db8:85a3::8a2e:370:7334");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12:30:45", "00:1A:2B:3C:4D:5E", "std::vector", "a::b", "2001:db8:::1", "1:2:3:4:5:6:7"})
    void rejectsTimesMacAddressesAndScopeOperators(String text) {
        assertThat(found(Kind.IP_ADDRESS, text)).isEmpty();
    }
}
