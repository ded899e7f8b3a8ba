package dev.sluice.store;

import java.nio.file.Path;

/** Where a store's tables are, for the commands that work on a stopped server's store (export, import). */
public sealed interface StoreLocation {

    /** The embedded store: a SQLite file in the data folder. */
    record Sqlite(Path file) implements StoreLocation {
        @Override
        public String kind() {
            return "sqlite";
        }

        @Override
        public String describe() {
            return "the SQLite database " + file;
        }
    }

    /** A PostgreSQL database. */
    record Postgres(PostgresSettings settings) implements StoreLocation {
        @Override
        public String kind() {
            return "postgresql";
        }

        @Override
        public String describe() {
            return "the PostgreSQL database " + PostgresDatabase.where(settings);
        }
    }

    /** {@code sqlite} or {@code postgresql}, as an export's header and a script's JSON name it. */
    String kind();

    /** For people: which database, never with a password. */
    String describe();
}
