package dev.sluice.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes small bash scripts for tasks under test (the server runs them as `bash script args...`, never via a shell
 * string) and the Python helper beside warm workers.
 */
public final class Scripts {

    private Scripts() {
    }

    public static Path write(Path dir, String name, String body) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name);
            Files.writeString(file, "#!/usr/bin/env bash\nset -u\n" + body + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies the shipped Python helper for warm workers, `sluice.py`, into {@code dir}, beside a worker script. */
    public static void pythonHelper(Path dir) {
        try (java.io.InputStream helper = Scripts.class.getResourceAsStream("/python/sluice.py")) {
            Files.write(dir.resolve("sluice.py"), helper.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The YAML flow sequence `[bash, "/abs/script", "arg", ...]` for a task's command. */
    public static String command(Path script, String... args) {
        StringBuilder sb = new StringBuilder("[bash, \"").append(script.toAbsolutePath()).append('"');
        for (String a : args) {
            sb.append(", \"").append(a).append('"');
        }
        return sb.append(']').toString();
    }

    /** Alive and not a zombie: a killed process whose parent has not reaped it yet no longer runs. */
    public static boolean alive(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException gone) {
            return false;
        }
    }

    public static long pidIn(Path file) {
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
