package dev.sluice.store;

import dev.sluice.testing.PostgresServer;
import java.nio.file.Path;
import java.time.Clock;

class PostgresCallbacksTest extends CallbackStoreContract {

    @Override
    protected JobStore openStore(Path dir) {
        return PostgresJobStore.open(PostgresServer.shared().databaseFor(dir), Clock.systemUTC());
    }
}
