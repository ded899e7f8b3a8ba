package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.PasswordHash;
import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Password checks cannot be turned into a weapon: guesses are throttled, and job routes never run a check. */
class AdminLoginTest {

    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path dir;

    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(dir, "tasks:\n  noop:\n    command: [\"true\"]\n",
                Map.of("SLUICE_SERVER_AUTH_ADMIN_USER", "admin",
                        "SLUICE_SERVER_AUTH_ADMIN_PASSWORD_HASH", PasswordHash.of(PASSWORD.toCharArray()).toString()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void wrong_passwords_from_one_address_are_throttled_with_a_problem_and_retry_after() {
        for (int i = 0; i < FailedLogins.ALLOWED; i++) {
            assertThat(adminStatus("admin", "guess-" + i).status()).as("guess %d", i).isEqualTo(401);
        }

        HttpTestClient.Response throttled = adminStatus("admin", "one-more-guess");
        HttpTestClient.Response rightButThrottled = adminStatus("admin", PASSWORD);

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.json().path("type").asText()).endsWith("/too-many-failed-logins");
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, FailedLogins.WINDOW.toSeconds() + 1);
        assertThat(rightButThrottled.status()).as("no check at all while throttled").isEqualTo(429);
        assertThat(server.http().get("/health").status()).as("a bystander").isEqualTo(200);
    }

    @Test
    void a_wrong_user_name_counts_as_a_failed_guess_like_a_wrong_password() {
        for (int i = 0; i < FailedLogins.ALLOWED; i++) {
            assertThat(adminStatus("root-" + i, PASSWORD).status()).isEqualTo(401);
        }

        assertThat(adminStatus("admin", PASSWORD).status()).isEqualTo(429);
    }

    @Test
    void credentials_sent_to_job_routes_are_never_checked_there() {
        for (int i = 0; i < FailedLogins.ALLOWED * 3; i++) {
            HttpTestClient.Response jobs = server.http().send(server.http().builder("/jobs")
                    .header("Authorization", basic("admin", "guess-" + i)).GET().build());
            assertThat(jobs.status()).isEqualTo(200);
        }

        assertThat(adminStatus("admin", PASSWORD).status()).as("job routes spent none of the guesses").isEqualTo(200);
    }

    @Test
    void a_right_password_is_remembered_and_a_wrong_one_is_not() {
        assertThat(adminStatus("admin", PASSWORD).status()).isEqualTo(200);
        for (int i = 0; i < FailedLogins.ALLOWED; i++) {
            assertThat(adminStatus("admin", "same-wrong-guess").status()).as("each repeat is checked again").isEqualTo(401);
        }

        assertThat(adminStatus("admin", "same-wrong-guess").status()).isEqualTo(429);
        assertThat(adminStatus("admin", PASSWORD).status()).as("a remembered success needs no check").isEqualTo(200);
    }

    private HttpTestClient.Response adminStatus(String user, String password) {
        return server.http().send(server.http().builder("/admin/status").header("Authorization", basic(user, password)).GET().build());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
