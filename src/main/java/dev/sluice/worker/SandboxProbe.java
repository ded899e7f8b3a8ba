package dev.sluice.worker;

import dev.sluice.config.SluiceConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Whether bubblewrap works on this machine: it runs `/bin/true` once in a sandbox built as a job's would be. */
public final class SandboxProbe {

    private SandboxProbe() {
    }

    /** Whether any task of {@code config} asks for a sandbox. */
    public static boolean needed(SluiceConfig config) {
        return config.tasks().values().stream().anyMatch(task -> task.sandbox().enabled());
    }

    /** Empty when a sandbox can be made here; otherwise why not, in words. */
    public static Optional<String> problem() {
        List<String> argv = List.of(Sandbox.BWRAP, "--die-with-parent", "--new-session", "--cap-drop", "ALL",
                "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-net", "--ro-bind", "/", "/", "--dev", "/dev",
                "--proc", "/proc", "--tmpfs", "/tmp", "--", "/bin/true");
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.of("bwrap did not finish running /bin/true within 10s");
            }
            String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.exitValue() == 0 ? Optional.empty()
                    : Optional.of("bwrap failed (exit " + process.exitValue() + ")" + (said.isEmpty() ? "" : ": " + said));
        } catch (IOException notInstalled) {
            return Optional.of("bwrap could not be run (" + notInstalled.getMessage() + "); install bubblewrap");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while trying bwrap");
        }
    }

    /** Refuses to go on when a task asks for a sandbox that cannot be made: never a silent unsandboxed run. */
    public static void requireWhereNeeded(SluiceConfig config) {
        if (!needed(config)) {
            return;
        }
        problem().ifPresent(why -> {
            List<String> tasks = config.tasks().entrySet().stream().filter(t -> t.getValue().sandbox().enabled())
                    .map(java.util.Map.Entry::getKey).toList();
            throw new IllegalStateException("tasks " + tasks + " ask for a sandbox, but " + why
                    + "; install bubblewrap (it needs user namespaces or root), or set sandbox: false");
        });
    }
}
