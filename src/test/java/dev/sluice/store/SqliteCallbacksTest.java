package dev.sluice.store;

import java.nio.file.Path;
import java.time.Clock;

class SqliteCallbacksTest extends CallbackStoreContract {

    @Override
    protected JobStore openStore(Path dir) {
        return SqliteJobStore.open(dir.resolve("sluice.db"), Clock.systemUTC());
    }
}
