package dev.sluice.cli;

import dev.sluice.app.SluiceServer;
import dev.sluice.config.SluiceConfig;
import java.util.concurrent.CountDownLatch;

/** Starts a server for `serve` and `demo` and keeps it running until the process is told to stop. */
final class ServerRunner {

    private ServerRunner() {
    }

    static int runUntilStopped(SluiceConfig config, boolean allowBroken, java.util.function.IntConsumer onStarted) {
        SluiceServer server;
        try {
            server = SluiceServer.start(config, allowBroken);
        } catch (RuntimeException cannotStart) {
            System.err.println("sluice: cannot start: " + cannotStart.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shutdown"));
        onStarted.accept(server.port());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
