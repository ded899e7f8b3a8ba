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

    static DataSource migrated(Path file) {
        SqliteNativeLibrary.prepare();
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // why: in WAL mode NORMAL is durable against any crash of the server process; only power loss needs FULL
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(10_000);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        if (!upToDate(dataSource)) {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration/sqlite")
                    .loggers("slf4j")
                    .load()
                    .migrate();
        }
        return dataSource;
    }

    static boolean upToDate(DataSource dataSource) {
        return MigrationHistory.upToDate(dataSource, NEWEST_MIGRATION);
    }
}
