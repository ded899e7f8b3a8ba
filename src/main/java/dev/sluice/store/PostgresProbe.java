package dev.sluice.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;

/** What `sluice check` says of a PostgreSQL database: whether it answers, its version, and how far its schema is. */
public final class PostgresProbe {

    /** The server's version, the schema's version (empty before the first start), and the migrations still to run. */
    public record Report(String serverVersion, Optional<String> schemaVersion, int pendingMigrations) {
    }

    private PostgresProbe() {
    }

    /** Connects (giving up after a few seconds) and reads; a {@link StoreException} says why it could not. */
    public static Report probe(PostgresSettings settings) {
        String version;
        try (Connection connection = PostgresDatabase.connect(settings, "sluice check");
             Statement sql = connection.createStatement();
             ResultSet rs = sql.executeQuery("SHOW server_version")) {
            rs.next();
            version = rs.getString(1);
        } catch (SQLException e) {
            throw new StoreException("cannot connect to the PostgreSQL database " + PostgresDatabase.where(settings) + ": "
                    + e.getMessage(), e);
        }
        try {
            MigrationInfoService info = Flyway.configure()
                    .dataSource(settings.jdbcUrl(), settings.user().isEmpty() ? null : settings.user(), settings.password())
                    .locations(PostgresDatabase.MIGRATIONS).loggers("slf4j").load().info();
            Optional<String> current = Optional.ofNullable(info.current()).map(MigrationInfo::getVersion).map(Object::toString);
            return new Report(version, current, info.pending().length);
        } catch (RuntimeException e) {
            throw new StoreException("cannot read the schema version of " + PostgresDatabase.where(settings) + ": "
                    + e.getMessage(), e);
        }
    }
}
