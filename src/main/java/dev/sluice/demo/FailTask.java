package dev.sluice.demo;

import java.io.PrintStream;

/** The fail task: logs a little, then fails on purpose so the server's failure path can be exercised. */
final class FailTask {

    static final int EXIT_CODE = 3;

    private FailTask() {
    }

    static int run(Progress progress, PrintStream err) {
        progress.log("demo fail task started");
        progress.log("this task will now fail on purpose");
        progress.report(50, "about to fail");
        err.print("demo failure: this task always fails\n");
        err.flush();
        return EXIT_CODE;
    }
}
