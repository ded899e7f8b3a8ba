package dev.sluice.cli;

import dev.sluice.worker.PythonHelper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `sluice init-python`: writes the Python helper, sluice.py, next to the scripts of a task. */
@Command(name = "init-python", mixinStandardHelpOptions = true,
        description = "Write sluice.py, the helper that runs a Python function as a warm (or exec) task, into DIR.")
final class InitPythonCommand implements Callable<Integer> {


    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = ".",
            description = "the folder of the task's script (default: ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--force", description = "replace an existing sluice.py that differs from this version")
    boolean force;

    @Override
    public Integer call() {
        byte[] helper = PythonHelper.source();
        Path target = dir.resolve("sluice.py");
        try {
            // why: the file sits beside the user's own code and may carry their edits; rewriting an identical copy is harmless
            if (!force && Files.exists(target) && !Arrays.equals(Files.readAllBytes(target), helper)) {
                System.err.println(target + " already exists and differs from this version of sluice.py; use --force to replace it");
                return 1;
            }
            Files.createDirectories(dir);
            Files.write(target, helper);
        } catch (IOException e) {
            System.err.println("cannot write " + target + ": " + e.getMessage());
            return 1;
        }
        System.out.println("wrote " + target.toAbsolutePath().normalize());
        System.out.println("  1. in your script: import sluice, and put @sluice.task on the function (inputs arrive as keyword arguments, results go into `out`)");
        System.out.println("  2. end it with: if __name__ == \"__main__\": sluice.run()");
        System.out.println("  3. try it by hand: python3 script.py name=value ... --out /tmp/out; then give the task mode: warm and command: [python3, script.py]");
        return 0;
    }
}
