package dev.sluice.worker;

import dev.sluice.config.SluiceConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs the preflights of every task at once, for `serve` and `check`. */
public final class Preflights {

    private Preflights() {
    }

    /** The results of the tasks that declare a preflight, in the config's order. */
    public static List<Preflight.Result> runAll(SluiceConfig config) {
        List<Future<Optional<Preflight.Result>>> running = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            config.tasks().forEach((name, task) -> running.add(pool.submit(() -> Preflight.run(name, task, Sandbox.forTask(config, task)))));
        }
        List<Preflight.Result> results = new ArrayList<>();
        for (Future<Optional<Preflight.Result>> f : running) {
            results.add(f.resultNow().orElse(null));
        }
        results.removeIf(java.util.Objects::isNull);
        return results;
    }
}
