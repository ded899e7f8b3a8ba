package dev.sluice.worker;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts sandboxed processes from one platform thread that lives as long as the server. bwrap's
 * `--die-with-parent` kills the sandbox when the thread that started it ends (the kernel's parent-death signal
 * follows the thread, not the process), and a virtual thread's carrier may end at any idle moment.
 */
final class SandboxLauncher {

    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("sandbox-launcher").daemon().factory());

    private SandboxLauncher() {
    }

    static Process start(ProcessBuilder builder) throws IOException {
        Future<Process> started = THREAD.submit(() -> ProcessStarter.best().start(builder));
        try {
            return started.get();
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(String.valueOf(failed.getCause().getMessage()), failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            started.cancel(false);
            throw new IOException("interrupted while starting the sandbox");
        }
    }
}
