package dev.sluice.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.config.CallbacksConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every address a name resolves to is checked; the one to connect to is one of those checked. */
class CallbackTargetsTest {

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void a_name_with_one_inner_address_among_public_ones_is_refused() {
        CallbackTargets targets = new CallbackTargets(CallbacksConfig.DEFAULT,
                host -> new InetAddress[] {ip("93.184.216.34"), ip("10.1.2.3")});
        assertThatThrownBy(() -> targets.check("https://receiver.example/hook"))
                .isInstanceOf(CallbackTargets.Refused.class).hasMessageContaining("10.1.2.3").hasMessageContaining("private");
    }

    @Test
    void a_name_with_public_addresses_is_taken_and_keeps_its_host_port_and_scheme() throws Exception {
        CallbackTargets targets = new CallbackTargets(CallbacksConfig.DEFAULT, host -> new InetAddress[] {ip("93.184.216.34")});
        CallbackTargets.Target target = targets.check("https://Receiver.example/hook?x=1");
        assertThat(target.address()).isEqualTo(ip("93.184.216.34"));
        assertThat(target.host()).isEqualTo("Receiver.example");
        assertThat(target.port()).isEqualTo(443);
        assertThat(target.https()).isTrue();
    }

    @Test
    void a_name_that_does_not_resolve_is_refused() {
        CallbackTargets targets = new CallbackTargets(CallbacksConfig.DEFAULT, host -> {
            throw new UnknownHostException(host);
        });
        assertThatThrownBy(() -> targets.check("http://nowhere.invalid/")).hasMessageContaining("cannot be resolved");
    }

    @Test
    void an_allowed_block_covers_only_itself() throws Exception {
        CallbackTargets targets = new CallbackTargets(new CallbacksConfig(null, null, null, null, List.of("10.1.0.0/16")),
                host -> new InetAddress[] {ip(host)});
        assertThat(targets.check("http://10.1.2.3/").address()).isEqualTo(ip("10.1.2.3"));
        assertThatThrownBy(() -> targets.check("http://10.2.0.1/")).hasMessageContaining("private");
    }

    @Test
    void back_off_doubles_from_one_second_up_to_five_minutes() {
        assertThat(CallbackDeliveries.backOff(1)).hasSeconds(1);
        assertThat(CallbackDeliveries.backOff(2)).hasSeconds(2);
        assertThat(CallbackDeliveries.backOff(4)).hasSeconds(8);
        assertThat(CallbackDeliveries.backOff(30)).hasMinutes(5);
    }
}
