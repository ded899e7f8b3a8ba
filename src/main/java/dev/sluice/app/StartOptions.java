package dev.sluice.app;

import dev.sluice.queue.JobQueues;
import dev.sluice.store.JobStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;

/**
 * How a node starts, beyond its config: whether a task whose preflight fails is marked broken instead of stopping
 * the start, a decorator around its store (tests wrap it in a fault injector), how often running jobs are
 * compared with the runs in hand, the clock the schedules fire by, and how the usable space of the data disk is read
 * for readiness and metrics (tests steer it to play a full disk).
 */
public record StartOptions(boolean allowBroken, UnaryOperator<JobStore> storeDecorator, Duration reconcileEvery,
                           Clock scheduleClock, ToLongFunction<Path> usableSpace) {

    public static final StartOptions DEFAULT = new StartOptions(false, UnaryOperator.identity(), JobQueues.RECONCILE_EVERY,
            Clock.systemUTC(), DiskSpace::usable);

    public StartOptions allowingBroken(boolean allow) {
        return new StartOptions(allow, storeDecorator, reconcileEvery, scheduleClock, usableSpace);
    }

    public StartOptions withStore(UnaryOperator<JobStore> decorator) {
        return new StartOptions(allowBroken, decorator, reconcileEvery, scheduleClock, usableSpace);
    }

    public StartOptions reconcilingEvery(Duration every) {
        return new StartOptions(allowBroken, storeDecorator, every, scheduleClock, usableSpace);
    }

    /** The clock the schedules fire by (tests set it forward). */
    public StartOptions withScheduleClock(Clock clock) {
        return new StartOptions(allowBroken, storeDecorator, reconcileEvery, clock, usableSpace);
    }

    public StartOptions readingUsableSpace(ToLongFunction<Path> reader) {
        return new StartOptions(allowBroken, storeDecorator, reconcileEvery, scheduleClock, reader);
    }
}
