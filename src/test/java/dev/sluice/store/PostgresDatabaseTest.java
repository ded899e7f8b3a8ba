package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testing.PostgresServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Opening the shared database: migrated once however many nodes start at once, failing fast and discreetly when it is not there. */
class PostgresDatabaseTest {

    private static final String PASSWORD = "never-shown-7f3a9c";

    @Test
    void the_newest_migration_constant_names_the_newest_packaged_file() throws Exception {
        java.nio.file.Path migrations = java.nio.file.Path.of(PostgresDatabase.class.getResource("/db/migration/postgresql").toURI());
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(migrations)) {
            int newest = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
            assertThat(PostgresDatabase.NEWEST_MIGRATION).isEqualTo(newest);
        }
    }

    @Test
    void a_migrated_database_is_up_to_date_and_a_new_or_failed_one_is_not() throws Exception {
        PostgresSettings database = PostgresServer.shared().newDatabase();
        org.postgresql.ds.PGSimpleDataSource source = new org.postgresql.ds.PGSimpleDataSource();
        source.setUrl(database.jdbcUrl());
        source.setUser(database.user());

        assertThat(MigrationHistory.upToDate(source, PostgresDatabase.NEWEST_MIGRATION)).as("new").isFalse();
        PostgresJobStore.open(database, java.time.Clock.systemUTC()).close();
        assertThat(MigrationHistory.upToDate(source, PostgresDatabase.NEWEST_MIGRATION)).as("migrated").isTrue();
        try (java.sql.Connection db = source.getConnection(); java.sql.Statement sql = db.createStatement()) {
            sql.execute("UPDATE flyway_schema_history SET success = false WHERE version = '001'");
        }
        assertThat(MigrationHistory.upToDate(source, PostgresDatabase.NEWEST_MIGRATION)).as("failed").isFalse();
    }

    @Test
    void nodes_opening_a_new_database_at_once_all_start_on_one_migrated_schema() throws Exception {
        PostgresSettings database = PostgresServer.shared().newDatabase();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService nodes = Executors.newFixedThreadPool(3);
        List<JobStore> opened = new ArrayList<>();
        try {
            List<Future<JobStore>> starting = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                starting.add(nodes.submit(() -> {
                    go.await();
                    return PostgresJobStore.open(database, Clock.systemUTC());
                }));
            }
            go.countDown();
            for (Future<JobStore> node : starting) {
                opened.add(node.get(30, TimeUnit.SECONDS));
            }

            assertThat(appliedMigrations(database)).containsExactly("001", "002");
            opened.get(0).serverKey("tokens", new byte[] {1});
            assertThat(opened.get(2).serverKey("tokens", new byte[] {2})).containsExactly(1);
        } finally {
            nodes.shutdownNow();
            opened.forEach(JobStore::close);
        }
    }

    @Test
    void a_database_that_cannot_be_reached_fails_within_seconds_without_showing_the_password() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        PostgresSettings nowhere = new PostgresSettings("jdbc:postgresql://127.0.0.1:" + closedPort + "/sluice", "sluice", PASSWORD);
        Instant start = Instant.now();

        assertThatThrownBy(() -> PostgresJobStore.open(nowhere, Clock.systemUTC()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort)
                .satisfies(failure -> {
                    for (Throwable t = failure; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain(PASSWORD);
                        assertThat(t.toString()).doesNotContain(PASSWORD);
                    }
                });
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void a_backup_is_refused_with_the_tool_to_use_instead() {
        try (JobStore store = PostgresJobStore.open(PostgresServer.shared().newDatabase(), Clock.systemUTC())) {
            assertThatThrownBy(() -> store.backupTo(Path.of("copy.db")))
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("pg_dump");
        }
    }

    private static List<String> appliedMigrations(PostgresSettings database) throws Exception {
        List<String> versions = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             Statement sql = c.createStatement();
             ResultSet rs = sql.executeQuery("SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        return versions;
    }
}
