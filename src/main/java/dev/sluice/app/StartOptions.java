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
 * compared with the runs in hand, the clock the schedules fire by, how the usable space of the data disk is read
 * for readiness and metrics (tests steer it to play a full disk), and when a quiet node gives memory back.
 */
public record StartOptions(boolean allowBroken, UnaryOperator<JobStore> storeDecorator, Duration reconcileEvery,
                           Clock scheduleClock, ToLongFunction<Path> usableSpace, IdleMemoryRelease.Settings memoryRelease) {

    public static final StartOptions DEFAULT = new StartOptions(false, UnaryOperator.identity(), JobQueues.RECONCILE_EVERY,
            Clock.systemUTC(), DiskSpace::usable, IdleMemoryRelease.Settings.DEFAULT);

    public StartOptions allowingBroken(boolean allow) {
        return new StartOptions(allow, storeDecorator, reconcileEvery, scheduleClock, usableSpace, memoryRelease);
    }

    public StartOptions withStore(UnaryOperator<JobStore> decorator) {
        return new StartOptions(allowBroken, decorator, reconcileEvery, scheduleClock, usableSpace, memoryRelease);
    }

    public StartOptions reconcilingEvery(Duration every) {
        return new StartOptions(allowBroken, storeDecorator, every, scheduleClock, usableSpace, memoryRelease);
    }

    /** The clock the schedules fire by (tests set it forward). */
    public StartOptions withScheduleClock(Clock clock) {
        return new StartOptions(allowBroken, storeDecorator, reconcileEvery, clock, usableSpace, memoryRelease);
    }

    public StartOptions readingUsableSpace(ToLongFunction<Path> reader) {
        return new StartOptions(allowBroken, storeDecorator, reconcileEvery, scheduleClock, reader, memoryRelease);
    }

    /** When a quiet server gives memory back (tests make it sooner). */
    public StartOptions releasingMemory(IdleMemoryRelease.Settings settings) {
        return new StartOptions(allowBroken, storeDecorator, reconcileEvery, scheduleClock, usableSpace, settings);
    }
}
