package dev.sluice.cli;

import dev.sluice.app.DataDirLock;
import dev.sluice.app.SluiceServer;
import dev.sluice.config.StorageConfig;
import dev.sluice.store.StoreLocation;

/** The store a config names, for the commands that work on it only while no server does (export, import). */
final class StoppedStore {

    private StoppedStore() {
    }

    /** The SQLite file of the data folder, or the PostgreSQL database of {@code storage.database}. */
    static StoreLocation of(StorageConfig storage) {
        return SluiceServer.postgresSettings(storage).<StoreLocation>map(StoreLocation.Postgres::new)
                .orElseGet(() -> new StoreLocation.Sqlite(storage.dataPath().resolve(SluiceServer.DATABASE_FILE)));
    }

    /**
     * The data folder's lock, held while the command works, so a server cannot start on the folder meanwhile; an
     * {@link IllegalStateException} when one runs there.
     */
    static DataDirLock lock(StorageConfig storage) {
        return DataDirLock.acquire(storage.dataPath());
    }

    /** Why a command that needs a stopped server was refused, in one line for stderr. */
    static String refusal(String command, RuntimeException refused) {
        return "sluice " + command + ": " + refused.getMessage()
                + (refused instanceof IllegalStateException ? "; stop the server first" : "");
    }
}
