package dev.sluice.worker;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Threads that read a child process's pipes. They are platform threads: a virtual thread blocked reading a
 * pipe holds its carrier, and with a few dozen jobs printing at once the carriers ran out, starving every
 * request the server had to answer. They are kept for the next job, as starting and ending a thread for each job
 * cost a tenth of the server's CPU for a job that does nothing.
 */
final class PipeReaders {

    private static final long STACK_BYTES = 256 * 1024;
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("pipe-reader-", 0).daemon().stackSize(STACK_BYTES).factory());

    /** One reader at work. */
    record Reading(Future<?> work) {

        /** True when the reader has ended, waiting at most {@code limit}. */
        boolean awaitEnd(Duration limit) throws InterruptedException {
            try {
                work.get(limit.toNanos(), TimeUnit.NANOSECONDS);
                return true;
            } catch (TimeoutException stillReading) {
                return false;
            } catch (ExecutionException failed) {
                return true;
            }
        }
    }

    private PipeReaders() {
    }

    /** Runs {@code reader} on a reader thread named {@code name} while it reads. */
    static Reading start(String name, Runnable reader) {
        return new Reading(THREADS.submit(() -> {
            Thread thread = Thread.currentThread();
            String idle = thread.getName();
            thread.setName(name);
            try {
                reader.run();
            } finally {
                thread.setName(idle);
            }
        }));
    }
}
