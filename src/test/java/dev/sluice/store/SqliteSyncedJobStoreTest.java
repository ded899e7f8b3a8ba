package dev.sluice.store;

import java.nio.file.Path;
import java.time.Clock;

/** The SQLite store with every acceptance synced to disk (`storage.durability: power-loss`) keeps the same contract. */
class SqliteSyncedJobStoreTest extends JobStoreContract {

    @Override
    protected JobStore openStore(Path dir) {
        return SqliteJobStore.open(dir.resolve("sluice.db"), Clock.systemUTC(), true);
    }
}
