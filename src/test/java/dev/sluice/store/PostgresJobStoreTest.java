package dev.sluice.store;

import dev.sluice.testing.PostgresServer;
import java.nio.file.Path;
import java.time.Clock;

/** The PostgreSQL store keeps the contract, on a real server; {@link #reopen()} is a restart on the same database. */
class PostgresJobStoreTest extends JobStoreContract {

    @Override
    protected JobStore openStore(Path dir) {
        return PostgresJobStore.open(PostgresServer.shared().databaseFor(dir), Clock.systemUTC());
    }
}
