package dev.sluice.worker;

import dev.sluice.config.SandboxConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.config.TaskConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The bubblewrap command line that runs one process of a task in a sandbox of its own: the system read-only,
 * private /proc, /tmp and /dev, the data folder, the config's folder and the server's home hidden, and only the
 * job's own folder writable. No shell is involved: the job's argument vector follows `--` unchanged.
 */
public record Sandbox(SandboxConfig settings, List<Path> hidden) {

    static final String BWRAP = "bwrap";

    public Sandbox {
        hidden = List.copyOf(hidden);
    }

    /** The sandbox of {@code task}, or empty when it runs unsandboxed. */
    public static Optional<Sandbox> forTask(SluiceConfig config, TaskConfig task) {
        if (!task.sandbox().enabled()) {
            return Optional.empty();
        }
        List<Path> hidden = new ArrayList<>(List.of(config.storage().dataPath(), config.configFolder()));
        Optional.ofNullable(System.getProperty("user.home")).filter(h -> !h.isBlank()).map(Path::of).ifPresent(hidden::add);
        Optional.ofNullable(System.getenv("HOME")).filter(h -> !h.isBlank()).map(Path::of).ifPresent(hidden::add);
        return Optional.of(new Sandbox(task.sandbox(), hidden.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList()));
    }

    /** {@code argv} run in the sandbox with {@code job}'s folder writable, in {@code chdir}. */
    List<String> wrap(List<String> argv, Optional<JobFolder> job, Optional<Path> workdir, Path chdir) {
        // why: bwrap started by root leaves the job every capability, and CAP_SYS_ADMIN would unmount what hides data-dir
        List<String> line = new ArrayList<>(List.of(BWRAP, "--die-with-parent", "--new-session", "--cap-drop", "ALL",
                "--unshare-pid", "--unshare-ipc", "--unshare-uts"));
        if (!settings.network()) {
            line.add("--unshare-net");
        }
        line.addAll(List.of("--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"));
        line.addAll(readableAndHidden(workdir));
        job.ifPresent(folder -> {
            add(line, "--bind", folder.root());
            if (Files.isDirectory(folder.in())) {
                add(line, "--ro-bind", folder.in());
            }
        });
        // why: writes into a hidden folder must fail, not land in a scratch copy that vanishes with the job
        visibleHidden().forEach(dir -> line.addAll(List.of("--remount-ro", dir.toString())));
        line.addAll(List.of("--chdir", chdir.toString(), "--"));
        line.addAll(argv);
        return line;
    }

    private record Mount(String option, Path path) {
    }

    // why: a later mount covers an earlier one, so outer folders go first; at the same folder hiding wins, while a
    // folder the task asked for inside a hidden one (a workdir beside the config) is mounted back on top
    private List<String> readableAndHidden(Optional<Path> workdir) {
        List<Mount> mounts = new ArrayList<>();
        workdir.ifPresent(dir -> mounts.add(new Mount("--ro-bind", dir)));
        settings.bindPaths().forEach(dir -> mounts.add(new Mount("--ro-bind", dir)));
        visibleHidden().forEach(dir -> mounts.add(new Mount("--tmpfs", dir)));
        mounts.sort(Comparator.comparingInt((Mount m) -> m.path().getNameCount())
                .thenComparing(m -> m.option().equals("--tmpfs")));
        List<String> line = new ArrayList<>();
        mounts.forEach(m -> add(line, m.option(), m.path()));
        return line;
    }

    private java.util.stream.Stream<Path> visibleHidden() {
        return hidden.stream().filter(dir -> dir.getNameCount() > 0 && Files.isDirectory(dir));
    }

    private static void add(List<String> line, String option, Path path) {
        line.add(option);
        if (!option.equals("--tmpfs")) {
            line.add(path.toString());
        }
        line.add(path.toString());
    }
}
