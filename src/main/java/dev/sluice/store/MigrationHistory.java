package dev.sluice.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Whether a database has run every migration this version has, each successfully, read from Flyway's own history
 * table: then a start needs none of Flyway (its start-up and scan of the migrations cost a server ~240 ms on SQLite).
 * Anything else (new, behind, ahead, a failed migration) goes to Flyway, which migrates or refuses.
 */
final class MigrationHistory {

    private MigrationHistory() {
    }

    static boolean upToDate(DataSource dataSource, int newest) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet history = statement.executeQuery("SELECT max(CAST(version AS INTEGER)), count(*),"
                     + " sum(CASE WHEN success THEN 1 ELSE 0 END) FROM flyway_schema_history WHERE version IS NOT NULL")) {
            return history.next() && history.getInt(1) == newest && history.getInt(2) == newest && history.getInt(3) == newest;
        } catch (SQLException noHistoryYet) {
            return false;
        }
    }
}
