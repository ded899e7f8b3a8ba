package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `storage.database` as libpq and JDBC spell a PostgreSQL server, its password's three sources, and every refusal. */
class StorageConfigTest {

    private static final String TASKS = "tasks:\n  echo: { command: [echo] }\n";

    @TempDir
    Path dir;

    @Test
    void the_default_database_is_the_embedded_one() throws Exception {
        StorageConfig storage = ConfigTexts.parse(dir, TASKS).storage();

        assertThat(storage.database()).isEqualTo("embedded");
        assertThat(storage.postgres()).isEmpty();
    }

    @Test
    void a_libpq_url_becomes_a_jdbc_url_with_its_user_and_tls_parameters() throws Exception {
        StorageConfig storage = ConfigTexts.parse(dir, """
                storage:
                  database: "postgresql://sluice@db.example:6543/jobs?sslmode=verify-full&connect_timeout=5"
                """ + TASKS).storage();

        DatabaseUrl url = storage.postgres().orElseThrow();
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/jobs?sslmode=verify-full&connectTimeout=5");
        assertThat(url.user()).isEqualTo("sluice");
        assertThat(url.password()).isEmpty();
        assertThat(storage.postgresPassword()).isEmpty();
    }

    @Test
    void jdbc_and_short_spellings_and_ipv6_hosts_are_read_too() {
        assertThat(parsed("jdbc:postgresql://10.0.0.5/sluice?user=app").jdbcUrl()).isEqualTo("jdbc:postgresql://10.0.0.5:5432/sluice");
        assertThat(parsed("postgres://[::1]:5433/sluice").jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5433/sluice");
        assertThat(parsed("postgresql://app:s%40cret%2Bx@db/sluice").password()).contains("s@cret+x");
        assertThat(parsed("postgresql://db/sluice?user=a%20b").user()).isEqualTo("a b");
    }

    @Test
    void the_password_comes_from_the_environment_or_a_file() throws Exception {
        String yaml = "storage:\n  database: postgresql://db/sluice?user=app\n" + TASKS;
        StorageConfig fromEnv = new ConfigLoader().parse(yaml, "sluice.yaml", dir, Map.of("SLUICE_STORAGE_PASSWORD", "from-env"))
                .storage();
        Files.writeString(dir.resolve("db-password"), "from-file\nignored second line\n");
        StorageConfig fromFile = ConfigTexts.parse(dir, "storage:\n  database: postgresql://db/sluice?user=app\n"
                + "  password-file: db-password\n" + TASKS).storage();

        assertThat(fromEnv.postgresPassword()).isEqualTo("from-env");
        assertThat(fromFile.postgresPassword()).isEqualTo("from-file");
        assertThat(fromFile.passwordFile()).isEqualTo(dir.resolve("db-password").toString());
    }

    @Test
    void no_password_shows_in_what_the_config_prints() throws Exception {
        StorageConfig storage = ConfigTexts.parse(dir, "storage:\n  database: postgresql://app:hunter2@db/sluice\n" + TASKS)
                .storage();
        StorageConfig fromKey = new ConfigLoader().parse("storage:\n  database: postgresql://db/sluice\n" + TASKS,
                "sluice.yaml", dir, Map.of("SLUICE_STORAGE_PASSWORD", "hunter3")).storage();

        assertThat(storage.toString()).doesNotContain("hunter2").contains("jdbc:postgresql://db:5432/sluice");
        assertThat(parsed("postgresql://db/sluice?sslkey=k.pk8&sslpassword=hunter4").toString()).doesNotContain("hunter4");
        assertThat(storage.postgres().orElseThrow().toString()).doesNotContain("hunter2");
        assertThat(fromKey.toString()).doesNotContain("hunter3");
    }

    @Test
    void urls_that_cannot_work_are_refused_with_the_reason() {
        assertThat(refusal("mysql://db/sluice")).contains("must be 'embedded'");
        assertThat(refusal("postgresql://db")).contains("not a PostgreSQL URL");
        assertThat(refusal("postgresql://db1,db2/sluice")).contains("not a PostgreSQL URL");
        assertThat(refusal("postgresql://db:70000/sluice")).contains("port 70000");
        assertThat(refusal("postgresql://db/sluice?sslmode=sometimes")).contains("sslmode 'sometimes'").contains("verify-full");
        assertThat(refusal("postgresql://db/sluice?options=-c%20x")).contains("parameter 'options'");
        // the driver's parameters that load a class or write a file are not libpq's, so none gets through
        assertThat(refusal("jdbc:postgresql://db/sluice?socketFactory=org.example.Evil")).contains("parameter 'socketFactory'");
        assertThat(refusal("postgresql://db/sluice?sslfactory=org.example.Evil")).contains("parameter 'sslfactory'");
        assertThat(refusal("postgresql://db/sluice?sslmode=require&loggerFile=/etc/passwd")).contains("parameter 'loggerFile'");
        assertThat(refusal("postgresql://db/sluice?application_name=a%26socketFactory%3Dx")).isEmpty();
        assertThat(refusal("postgresql://db/sluice?user=a&user=b")).contains("'user' twice");
        assertThat(refusal("postgresql://u@db/sluice?user=b")).contains("twice");
        assertThat(refusal("postgresql://db/sluice?connect_timeout=soon")).contains("whole seconds");
        assertThat(refusal("postgresql://db/slu%ZZice")).contains("database");
    }

    @Test
    void a_parameter_value_cannot_smuggle_another_parameter_into_the_jdbc_url() {
        assertThat(parsed("postgresql://db/sluice?application_name=a%26socketFactory%3Dx").jdbcUrl())
                .isEqualTo("jdbc:postgresql://db:5432/sluice?ApplicationName=a%26socketFactory%3Dx");
    }

    @Test
    void a_refused_url_never_repeats_its_password() {
        assertThat(refusal("postgresql://app:hunter2@db:99999/sluice")).doesNotContain("hunter2");
        assertThat(refusal("postgresql://app:hunter2@db/sluice?sslmode=x")).doesNotContain("hunter2");
    }

    @Test
    void passwords_given_twice_or_without_postgres_and_power_loss_durability_are_refused() {
        assertThat(ConfigTexts.problems(dir, "storage:\n  database: postgresql://u:p@db/sluice\n  password: q\n" + TASKS))
                .singleElement().asString().contains("storage.password").contains("more than one place");
        assertThat(ConfigTexts.problems(dir, "storage:\n  password: q\n" + TASKS))
                .singleElement().asString().contains("only used with a PostgreSQL database");
        assertThat(ConfigTexts.problems(dir, "storage:\n  database: postgresql://db/sluice\n  password-file: missing\n" + TASKS))
                .singleElement().asString().contains("storage.password-file").contains("not a readable file");
        assertThat(ConfigTexts.problems(dir, "storage:\n  database: postgresql://db/sluice\n  durability: power-loss\n" + TASKS))
                .singleElement().asString().contains("storage.durability").contains("synchronous_commit");
    }

    private DatabaseUrl parsed(String database) {
        return ((DatabaseUrl.Result.Parsed) DatabaseUrl.parse(database)).url();
    }

    private String refusal(String database) {
        try {
            ConfigTexts.parse(dir, "storage:\n  database: \"" + database + "\"\n" + TASKS);
            return "";
        } catch (ConfigException refused) {
            return String.join("\n", refused.problems());
        }
    }
}
