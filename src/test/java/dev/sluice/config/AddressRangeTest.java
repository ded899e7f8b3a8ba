package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Address blocks of `server.trusted-proxies`: which addresses they hold, in IPv4 and IPv6. */
class AddressRangeTest {

    @Test
    void a_block_holds_the_addresses_under_its_prefix_and_no_other() {
        AddressRange ten = AddressRange.parse("10.0.0.0/8").orElseThrow();

        assertThat(ten.contains(address("10.255.1.2"))).isTrue();
        assertThat(ten.contains(address("11.0.0.1"))).isFalse();
        assertThat(ten.contains(address("::ffff:10.0.0.1"))).as("an IPv4-mapped IPv6 address is the IPv4 one").isTrue();
        assertThat(ten.contains(address("::a00:1"))).as("an IPv6 address is not in an IPv4 block").isFalse();
    }

    @Test
    void a_bare_address_is_a_block_of_one() {
        AddressRange one = AddressRange.parse("127.0.0.1").orElseThrow();
        AddressRange loop6 = AddressRange.parse("::1").orElseThrow();

        assertThat(one.contains(address("127.0.0.1"))).isTrue();
        assertThat(one.contains(address("127.0.0.2"))).isFalse();
        assertThat(loop6.contains(address("0:0:0:0:0:0:0:1"))).isTrue();
        assertThat(loop6.contains(address("::2"))).isFalse();
    }

    @Test
    void ipv6_blocks_and_the_whole_internet_work_too() {
        assertThat(AddressRange.parse("fd00::/8").orElseThrow().contains(address("fd12:3456::1"))).isTrue();
        assertThat(AddressRange.parse("fd00::/8").orElseThrow().contains(address("fe80::1"))).isFalse();
        assertThat(AddressRange.parse("0.0.0.0/0").orElseThrow().contains(address("203.0.113.9"))).isTrue();
    }

    @Test
    void names_are_never_looked_up() {
        assertThat(AddressRange.parse("localhost")).isEmpty();
        assertThat(IpLiteral.parse("localhost")).isEmpty();
        assertThat(IpLiteral.parse("127.1")).as("only the dotted quad").isEmpty();
        assertThat(IpLiteral.parse("0x7f.0.0.1")).isEmpty();
    }

    private static InetAddress address(String literal) {
        return IpLiteral.parse(literal).orElseThrow();
    }
}
