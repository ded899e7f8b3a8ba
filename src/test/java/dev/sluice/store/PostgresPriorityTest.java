package dev.sluice.store;

import dev.sluice.testing.PostgresServer;
import java.nio.file.Path;
import java.time.Clock;

class PostgresPriorityTest extends PriorityContract {

    @Override
    protected JobStore openStore(Path dir, Clock clock) {
        return PostgresJobStore.open(PostgresServer.shared().databaseFor(dir), clock);
    }
}
