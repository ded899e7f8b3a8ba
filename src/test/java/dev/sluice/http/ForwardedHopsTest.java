package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.http.ForwardedHops.Hop;
import org.junit.jupiter.api.Test;

/** Reading the hops proxies record: RFC 7239's own examples, quoted IPv6 with ports, and headers that cannot be read. */
class ForwardedHopsTest {

    @Test
    void the_rfc_examples_read_as_hops_nearest_last() {
        assertThat(ForwardedHops.ofForwarded("for=192.0.2.60;proto=http;by=203.0.113.43, for=\"[2001:db8:cafe::17]:4711\""))
                .containsExactly(new Hop("192.0.2.60", "http", ""), new Hop("[2001:db8:cafe::17]:4711", "", ""));
        assertThat(ForwardedHops.ofForwarded("For=\"_gazonk\" ; Proto=HTTPS;host=sluice.example:8443"))
                .containsExactly(new Hop("_gazonk", "HTTPS", "sluice.example:8443"));
    }

    @Test
    void a_node_s_address_loses_its_brackets_and_port() {
        assertThat(ForwardedHops.nodeName("[2001:db8:cafe::17]:4711")).isEqualTo("2001:db8:cafe::17");
        assertThat(ForwardedHops.nodeName("[::1]")).isEqualTo("::1");
        assertThat(ForwardedHops.nodeName("192.0.2.43:47011")).isEqualTo("192.0.2.43");
        assertThat(ForwardedHops.nodeName("2001:db8::1")).isEqualTo("2001:db8::1");
    }

    @Test
    void a_header_that_cannot_be_read_leaves_the_client_unknown() {
        assertThat(ForwardedHops.ofForwarded("for=\"[::1]")).isEqualTo(ForwardedHops.UNREADABLE);
        assertThat(ForwardedHops.ofForwarded("for")).isEqualTo(ForwardedHops.UNREADABLE);
        assertThat(ForwardedHops.ofForwarded("=127.0.0.1")).isEqualTo(ForwardedHops.UNREADABLE);
    }

    @Test
    void x_forwarded_proto_and_host_line_up_with_the_clients_when_each_proxy_appended() {
        assertThat(ForwardedHops.ofXForwarded("127.0.0.1, 203.0.113.5", "https, http", null))
                .containsExactly(new Hop("127.0.0.1", "https", ""), new Hop("203.0.113.5", "http", ""));
        assertThat(ForwardedHops.ofXForwarded("198.51.100.1, 10.0.0.2", "https", "sluice.example"))
                .as("a single value was set by the nearest proxy and holds for every hop")
                .containsExactly(new Hop("198.51.100.1", "https", "sluice.example"), new Hop("10.0.0.2", "https", "sluice.example"));
        assertThat(ForwardedHops.ofXForwarded(null, "https", null)).containsExactly(new Hop("", "https", ""));
    }
}
