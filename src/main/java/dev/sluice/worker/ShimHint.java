package dev.sluice.worker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Says when a program resolves to a version-manager shim or into a virtual environment: both depend on the shell
 * they were set up in, which a worker started by systemd or another user does not have.
 */
final class ShimHint {

    private ShimHint() {
    }

    static Optional<String> of(String program, Path found) {
        String path = found.toString();
        if (path.contains("/.pyenv/shims/")) {
            return Optional.of(program + " is a pyenv shim: at each run it picks a Python from PYENV_VERSION, a .python-version"
                    + " file in the working folder or pyenv's global setting, so a worker with a clean environment may get"
                    + " another Python (without your packages) or none; write the interpreter's own path in command"
                    + " (what `pyenv which " + program + "` prints)");
        }
        if (path.contains("/shims/")) {
            return Optional.of(program + " is a version manager's shim (" + found.getParent() + "): which version it runs depends"
                    + " on settings a worker with a clean environment may not have; write the program's own path in command");
        }
        Path bin = found.getParent();
        Path env = bin == null ? null : bin.getParent();
        if (env != null && bin.getFileName().toString().equals("bin")
                && (Files.exists(env.resolve("pyvenv.cfg")) || Files.isDirectory(env.resolve("conda-meta"))
                || env.getFileName().toString().endsWith("venv"))) {
            return Optional.of(program + " is in the virtual environment " + env + ": jobs get its packages only while "
                    + bin + " comes first on the PATH the server starts with; a worker started otherwise (systemd, another"
                    + " user, a new shell) does not activate it, so write " + found + " in command (no activation is needed)");
        }
        return Optional.empty();
    }
}
