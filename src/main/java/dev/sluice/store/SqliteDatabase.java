package dev.sluice.store;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** The SQLite database file as the store opens it: write-ahead log, its durability settings, the schema brought up to date. */
final class SqliteDatabase {

    /** The version of the newest file under db/migration/sqlite; a test keeps the two equal. */
    static final int NEWEST_MIGRATION = 13;

    private SqliteDatabase() {
    }

    /**
     * The file, its schema up to date. A file that does not exist yet starts as a copy of the build's
     * {@link EmptyDatabase}; only an older file, or a copy that is not what this version expects, goes to Flyway.
     */
    static DataSource migrated(Path file) {
        return migrated(file, EmptyDatabase.PACKAGED);
    }

    static DataSource migrated(Path file, EmptyDatabase.Source empty) {
        SqliteNativeLibrary.prepare();
        boolean copied = EmptyDatabase.placeIfAbsent(file, empty);
        SQLiteDataSource dataSource = dataSource(file);
        if (!upToDate(dataSource)) {
            if (copied) {
                EmptyDatabase.remove(file);
            }
            migrate(dataSource);
        }
        return dataSource;
    }

    static SQLiteDataSource dataSource(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // why: in WAL mode NORMAL is durable against any crash of the server process; only power loss needs FULL
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(10_000);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return dataSource;
    }

    static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/sqlite")
                .loggers("slf4j")
                .load()
                .migrate();
    }

    static boolean upToDate(DataSource dataSource) {
        return MigrationHistory.upToDate(dataSource, NEWEST_MIGRATION);
    }
}
