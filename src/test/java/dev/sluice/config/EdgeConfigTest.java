package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `server.cors` and `server.trusted-proxies`: their values, their defaults, and every text that cannot work named by line. */
class EdgeConfigTest {

    private static final String TASKS = "tasks:\n  echo: { command: [echo] }\n";

    @TempDir
    Path dir;

    @Test
    void without_the_keys_there_is_no_cors_and_no_trusted_proxy() throws Exception {
        ServerConfig server = ConfigTexts.parse(dir, TASKS).server();

        assertThat(server.corsIfAny()).isEmpty();
        assertThat(server.trustedProxies()).isEmpty();
    }

    @Test
    void the_keys_take_the_values_the_file_gives() throws Exception {
        ServerConfig server = ConfigTexts.parse(dir, """
                server:
                  cors: { origins: [https://a.example, "http://localhost:5173"], credentials: true, max-age: 2h }
                  trusted-proxies: [127.0.0.1/32, 10.0.0.0/8, "::1", "fd00::/8", 192.0.2.7]
                """ + TASKS).server();

        CorsConfig cors = server.corsIfAny().orElseThrow();
        assertThat(cors.origins()).containsExactly("https://a.example", "http://localhost:5173");
        assertThat(cors.credentials()).isTrue();
        assertThat(cors.maxAge()).isEqualTo(Duration.ofHours(2));
        assertThat(server.trustedProxies()).hasSize(5);
    }

    @Test
    void cors_without_credentials_or_max_age_takes_the_defaults() throws Exception {
        CorsConfig cors = ConfigTexts.parse(dir, "server:\n  cors: { origins: [\"*\"] }\n" + TASKS).server().corsIfAny().orElseThrow();

        assertThat(cors.credentials()).isFalse();
        assertThat(cors.maxAge()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void a_wildcard_origin_with_credentials_is_refused_naming_the_key_and_line() {
        assertThat(ConfigTexts.problems(dir, """
                server:
                  cors:
                    origins: [https://a.example, "*"]
                    credentials: true
                """ + TASKS)).singleElement().asString()
                .startsWith("sluice.yaml:3: server.cors.origins[1]: '*' cannot be used with credentials: true");
    }

    @Test
    void origins_that_are_not_scheme_host_and_port_are_each_named() {
        assertThat(ConfigTexts.problems(dir, """
                server:
                  cors:
                    origins:
                      - https://a.example/
                      - https://a.example/app
                      - a.example
                      - ftp://a.example
                      - https://user@a.example
                      - "null"
                    max-age: 25h
                """ + TASKS)).satisfiesExactlyInAnyOrder(
                p -> assertThat(p).startsWith("sluice.yaml:4: server.cors.origins[0]: 'https://a.example/' has a path"),
                p -> assertThat(p).startsWith("sluice.yaml:5: server.cors.origins[1]: 'https://a.example/app' has a path"),
                p -> assertThat(p).startsWith("sluice.yaml:6: server.cors.origins[2]: 'a.example' is not an origin"),
                p -> assertThat(p).startsWith("sluice.yaml:7: server.cors.origins[3]: 'ftp://a.example' is not an origin"),
                p -> assertThat(p).startsWith("sluice.yaml:8: server.cors.origins[4]: 'https://user@a.example' is not an origin"),
                p -> assertThat(p).startsWith("sluice.yaml:9: server.cors.origins[5]: 'null' is not an origin"),
                p -> assertThat(p).isEqualTo("sluice.yaml:10: server.cors.max-age: must be at most 24h (browsers keep a"
                        + " preflight no longer than that)"));
    }

    @Test
    void cors_without_origins_is_refused() {
        assertThat(ConfigTexts.problems(dir, "server:\n  cors: { credentials: true }\n" + TASKS)).singleElement().asString()
                .contains("server.cors.origins: needs at least one origin");
    }

    @Test
    void trusted_proxies_that_are_not_addresses_or_blocks_are_each_named() {
        assertThat(ConfigTexts.problems(dir, """
                server:
                  trusted-proxies:
                    - proxy.example
                    - 10.0.0.0/33
                    - 10.1.0.0/8
                    - "::1/129"
                    - 10.0.0.0/
                    - "fe80::1%eth0"
                """ + TASKS)).satisfiesExactlyInAnyOrder(
                p -> assertThat(p).startsWith("sluice.yaml:3: server.trusted-proxies[0]: 'proxy.example' is not an IP address"),
                p -> assertThat(p).startsWith("sluice.yaml:4: server.trusted-proxies[1]: '10.0.0.0/33' has a prefix length"),
                p -> assertThat(p).startsWith("sluice.yaml:5: server.trusted-proxies[2]: '10.1.0.0/8' has bits set past its /8"),
                p -> assertThat(p).startsWith("sluice.yaml:6: server.trusted-proxies[3]: '::1/129' has a prefix length"),
                p -> assertThat(p).startsWith("sluice.yaml:7: server.trusted-proxies[4]: '10.0.0.0/' has a prefix length"),
                p -> assertThat(p).startsWith("sluice.yaml:8: server.trusted-proxies[5]: 'fe80::1%eth0' is not an IP address"));
    }
}
