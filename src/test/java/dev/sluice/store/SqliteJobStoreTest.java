package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class SqliteJobStoreTest extends JobStoreContract {

    @Override
    protected JobStore openStore(Path dir) {
        return SqliteJobStore.open(dir.resolve("sluice.db"), Clock.systemUTC());
    }

    @Test
    void the_database_file_uses_write_ahead_logging() throws SQLException {
        insert("default");

        assertThat(pragma("journal_mode")).isEqualToIgnoringCase("wal");
    }

    @Test
    void the_database_passes_its_integrity_check_after_some_work() throws SQLException {
        for (int i = 0; i < 20; i++) {
            insert(i % 2 == 0 ? "default" : "other");
        }
        Job running = store.claimNext("default").orElseThrow();
        store.updateProgress(running.id(), 50, "half way");
        store.finish(running.id(), JobState.RUNNING, new JobOutcome.Succeeded("done"));
        store.requeue(store.claimNext("other").orElseThrow().id(), "retry");

        assertThat(pragma("integrity_check")).isEqualTo("ok");
    }

    @Test
    void a_store_that_gave_its_cache_back_reads_and_writes_as_before_and_a_closed_one_ignores_the_call() {
        Job first = insert("default");
        SqliteJobStore sqlite = (SqliteJobStore) store;

        sqlite.releaseCache();

        assertThat(store.find(first.id()).orElseThrow().state()).isEqualTo(JobState.ACCEPTED);
        Job claimed = store.claimNext("default").orElseThrow();
        assertThat(claimed.id()).isEqualTo(first.id());
        assertThat(store.finish(claimed.id(), JobState.RUNNING, new JobOutcome.Succeeded("done")).state()).isEqualTo(JobState.SUCCESSFUL);
        store.close();
        sqlite.releaseCache();
        store = openStore(dir);
        assertThat(store.find(first.id()).orElseThrow().state()).isEqualTo(JobState.SUCCESSFUL);
    }

    private Path database() {
        return dir.resolve("sluice.db");
    }

    /** Asks a connection of its own, while the store is closed: an open store keeps the file to itself. */
    private String pragma(String name) throws SQLException {
        store.close();
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + database().toAbsolutePath());
             Statement statement = plain.createStatement();
             ResultSet rs = statement.executeQuery("PRAGMA " + name)) {
            assertThat(rs.next()).as("PRAGMA %s answers", name).isTrue();
            return rs.getString(1);
        } finally {
            store = openStore(dir);
        }
    }
}
