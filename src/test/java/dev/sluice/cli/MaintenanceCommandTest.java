package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.cli.SluiceCommand.Run;
import dev.sluice.testing.ServerFixture;
import dev.sluice.testing.TestServer;
import org.junit.jupiter.api.Test;

class MaintenanceCommandTest extends ServerFixture {

    @Test
    void turns_maintenance_mode_on_with_a_message_and_an_end_shows_it_and_turns_it_off() {
        start("""
                tasks:
                  quick: { command: ["true"] }
                """);
        String base = server.http().base();

        Run on = SluiceCommand.run("maintenance", "on", "--message", "New disks", "--until", "45m", "--server", base);
        assertThat(on.exit()).as(on.err()).isZero();
        assertThat(on.out()).contains("maintenance mode is on since", "until", "New disks");
        assertThat(server.http().postJson("/processes/quick/execution", "{}").status()).isEqualTo(503);
        assertThat(SluiceCommand.run("maintenance", "--server", base).out()).contains("is on", "New disks");
        Run json = SluiceCommand.run("maintenance", "--json", "--server", base);
        assertThat(json.out().lines().toList()).hasSize(1);
        assertThat(TestServer.parse(json.out()).path("active").asBoolean()).isTrue();
        assertThat(TestServer.parse(json.out()).path("message").asText()).isEqualTo("New disks");

        Run off = SluiceCommand.run("maintenance", "off", "--server", base);
        assertThat(off.exit()).as(off.err()).isZero();
        assertThat(off.out()).contains("maintenance mode is off");
        assertThat(server.http().postJson("/processes/quick/execution", "{}").status()).isEqualTo(201);
    }

    @Test
    void a_bad_end_time_is_the_servers_clear_refusal_and_options_without_on_are_usage_errors() {
        start("""
                tasks:
                  quick: { command: ["true"] }
                """);
        String base = server.http().base();

        Run bad = SluiceCommand.run("maintenance", "on", "--until", "next tuesday", "--server", base);
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("sluice maintenance:", "'until'", "offset");
        Run misplaced = SluiceCommand.run("maintenance", "off", "--message", "x", "--server", base);
        assertThat(misplaced.exit()).isEqualTo(2);
        assertThat(SluiceCommand.run("maintenance", "--server", base).out()).contains("is off");
    }
}
