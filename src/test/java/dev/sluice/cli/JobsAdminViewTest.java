package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.cli.SluiceCommand.Run;
import dev.sluice.config.PasswordHash;
import dev.sluice.testing.ServerFixture;
import dev.sluice.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** `sluice jobs --user NAME`: the admin's view of every job, which is how the hint says to find a job submitted with curl. */
class JobsAdminViewTest extends ServerFixture {

    private static final String PASSWORD = "correct horse battery";
    private static final String CONFIG = "tasks:\n  ok: { command: [\"true\"] }\n";

    @BeforeEach
    void keepTokensHere() {
        System.setProperty("sluice.token-file", dir.resolve("tokens").toString());
    }

    @AfterEach
    void forgetTheTokenFile() {
        System.clearProperty("sluice.token-file");
    }

    @Test
    void the_admin_lists_a_job_submitted_with_another_token_that_the_callers_own_list_does_not_show() {
        server = TestServer.start(dir, CONFIG, Map.of("SLUICE_SERVER_AUTH_SUBMIT", "token",
                "SLUICE_SERVER_AUTH_ADMIN_USER", "admin",
                "SLUICE_SERVER_AUTH_ADMIN_PASSWORD_HASH", PasswordHash.of(PASSWORD.toCharArray()).toString()));
        String at = server.http().base();
        String byCurl = server.submit("ok", "{}");
        server.awaitEnd(byCurl);

        Run own = SluiceCommand.run("jobs", "--server", at);
        Run admin = SluiceCommand.runWithInput(PASSWORD + "\n", "jobs", "--user", "admin", "--server", at);
        Run wrong = SluiceCommand.runWithInput("not it\n", "jobs", "--user", "admin", "--server", at);

        assertThat(own.out()).doesNotContain(byCurl);
        assertThat(own.err()).contains("--user NAME");
        assertThat(admin.exit()).as(admin.err()).isZero();
        assertThat(admin.out().lines().skip(1).map(line -> line.split(" ")[0]).toList()).containsExactly(byCurl);
        assertThat(admin.err()).isEmpty();
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.out()).isEmpty();
        assertThat(wrong.err()).isEqualTo("sluice jobs: the server did not accept the admin's user name and password"
                + System.lineSeparator());
    }

    @Test
    void on_a_server_without_an_admin_user_exits_1_and_says_why() {
        server = TestServer.start(dir, CONFIG);

        Run run = SluiceCommand.run("jobs", "--user", "admin", "--server", server.http().base());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("this server has no admin (server.auth.admin is not set)");
    }
}
