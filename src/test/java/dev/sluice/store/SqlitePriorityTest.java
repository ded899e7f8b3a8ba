package dev.sluice.store;

import java.nio.file.Path;
import java.time.Clock;

class SqlitePriorityTest extends PriorityContract {

    @Override
    protected JobStore openStore(Path dir, Clock clock) {
        return SqliteJobStore.open(dir.resolve("sluice.db"), clock);
    }
}
