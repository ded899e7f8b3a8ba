package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys that bound what clients may take of the server: defaults, values, and impossible values named by line. */
class ClientLimitsConfigTest {

    private static final String TASKS = "tasks:\n  echo: { command: [echo] }\n";

    @TempDir
    Path dir;

    @Test
    void slow_and_many_clients_are_bounded_by_default() throws Exception {
        ServerConfig server = parse(TASKS).server();

        assertThat(server.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(server.requestTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(server.minUploadRate()).isEqualTo(new DataSize(1024));
        assertThat(server.maxConnections()).isEqualTo(500);
    }

    @Test
    void the_limits_take_the_values_the_file_gives() throws Exception {
        ServerConfig server = parse("""
                server:
                  idle-timeout: 1m
                  request-timeout: 45s
                  min-upload-rate: 10KB
                  max-connections: 64
                """ + TASKS).server();

        assertThat(server.idleTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(server.requestTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(server.minUploadRate()).isEqualTo(new DataSize(10240));
        assertThat(server.maxConnections()).isEqualTo(64);
    }

    @Test
    void the_limits_can_be_set_from_the_environment() throws Exception {
        ServerConfig server = new ConfigLoader().parse(TASKS, "sluice.yaml", dir,
                Map.of("SLUICE_SERVER_MAX_CONNECTIONS", "8", "SLUICE_SERVER_REQUEST_TIMEOUT", "2s")).server();

        assertThat(server.maxConnections()).isEqualTo(8);
        assertThat(server.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void impossible_limits_are_each_named_with_their_line() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse("""
                server:
                  idle-timeout: 0s
                  request-timeout: 0ms
                  min-upload-rate: 0
                  max-connections: 0
                """ + TASKS));

        assertThat(e.problems()).containsExactlyInAnyOrder(
                "sluice.yaml:2: server.idle-timeout: must be more than 0",
                "sluice.yaml:3: server.request-timeout: must be more than 0",
                "sluice.yaml:4: server.min-upload-rate: must be at least 1 byte (a second)",
                "sluice.yaml:5: server.max-connections: must be at least 1");
    }

    @Test
    void a_limit_of_the_wrong_kind_is_named_with_its_line() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse("""
                server:
                  request-timeout: soon
                """ + TASKS));

        assertThat(e.problems()).singleElement().asString()
                .startsWith("sluice.yaml:2: server.request-timeout: 'soon' is not a duration");
    }

    private SluiceConfig parse(String yaml) throws ConfigException {
        return new ConfigLoader().parse(yaml, "sluice.yaml", dir, Map.of());
    }
}
