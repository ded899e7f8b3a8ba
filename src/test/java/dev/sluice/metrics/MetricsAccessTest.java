package dev.sluice.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.config.ConfigException;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.PasswordHash;
import dev.sluice.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `GET /metrics` is the admin's, as the admin pages are, unless `server.metrics: public`. */
class MetricsAccessTest {

    private static final String TASKS = "tasks:\n  noop:\n    command: [\"true\"]\n";
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path dir;

    @Test
    void without_admin_credentials_metrics_are_refused_to_a_visitor_from_elsewhere() {
        try (TestServer server = TestServer.start(dir, TASKS)) {
            var forwarded = server.http().get("/metrics", Map.of("X-Forwarded-For", "203.0.113.9"));

            assertThat(forwarded.status()).isEqualTo(403);
            assertThat(server.http().get("/metrics").status()).as("from this machine").isEqualTo(200);
        }
    }

    @Test
    void with_admin_credentials_metrics_need_them() {
        try (TestServer server = TestServer.start(dir, TASKS, Map.of("SLUICE_SERVER_AUTH_ADMIN_USER", "admin",
                "SLUICE_SERVER_AUTH_ADMIN_PASSWORD_HASH", PasswordHash.of(PASSWORD.toCharArray()).toString()))) {
            String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

            assertThat(server.http().get("/metrics").status()).isEqualTo(401);
            var allowed = server.http().get("/metrics", Map.of("Authorization", basic));
            assertThat(allowed.status()).isEqualTo(200);
            assertThat(allowed.body()).contains("sluice_queue_waiting");
        }
    }

    @Test
    void public_metrics_are_served_to_anyone_even_with_admin_credentials_set() {
        try (TestServer server = TestServer.start(dir, TASKS, Map.of("SLUICE_SERVER_METRICS", "public",
                "SLUICE_SERVER_AUTH_ADMIN_USER", "admin",
                "SLUICE_SERVER_AUTH_ADMIN_PASSWORD_HASH", PasswordHash.of(PASSWORD.toCharArray()).toString()))) {
            var anyone = server.http().get("/metrics", Map.of("X-Forwarded-For", "203.0.113.9"));

            assertThat(anyone.status()).isEqualTo(200);
            assertThat(server.http().get("/admin").status()).as("the admin pages stay closed").isEqualTo(401);
            assertThat(server.metrics())
                    .as("a request a guard refused is counted under the guard's path")
                    .contains("sluice_http_requests_total{method=\"GET\",route=\"/admin\",status=\"401\"} 1.0");
        }
    }

    @Test
    void an_unknown_metrics_access_is_a_config_error_naming_its_line() {
        String yaml = "server:\n  listen: 127.0.0.1:0\n  metrics: everyone\nstorage:\n  data-dir: data\n" + TASKS;

        assertThatThrownBy(() -> new ConfigLoader().parse(yaml, "sluice.yaml", dir, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sluice.yaml:3")
                .hasMessageContaining("'everyone' is not one of: admin, public");
    }
}
