package dev.sluice.worker;

import dev.sluice.config.Suggestions;
import dev.sluice.config.TaskConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the program a task's command names, as a job of the task would: a bare name on the PATH of the environment
 * the worker gives the job, a relative path from the task's workdir. Says where it is, or why it is not there.
 */
public final class CommandLookup {

    /** Where {@code program} was found, or the problem; a hint when the place found behaves differently for a worker. */
    public record Resolution(String program, Optional<Path> path, Optional<String> problem, Optional<String> hint) {

        /** `python3 -> /usr/bin/python3`, or the program alone when it was not found. */
        public String describe() {
            return path.map(p -> program + " -> " + p).orElse(program);
        }
    }

    private CommandLookup() {
    }

    /** Looks {@code program} up in the environment and folder the task's jobs get. */
    public static Resolution resolve(String program, TaskConfig task) {
        Map<String, String> env = new HashMap<>();
        JobEnvironment.fillForTask(env, System.getenv(), task);
        return resolve(program, Optional.ofNullable(env.get("PATH")).orElse(""), task.workdirPath());
    }

    /**
     * The command with a bare program name replaced by where {@code env}'s PATH finds it, {@code env} being the
     * environment the process is given. Java looks a program up on the server's own PATH, not on the PATH it gives the
     * process, so a task that sets PATH would otherwise run another one.
     */
    static List<String> onPathOf(List<String> command, Map<String, String> env) {
        if (command.isEmpty() || command.get(0).contains("/") || command.get(0).isEmpty()) {
            return command;
        }
        return firstOnPath(command.get(0), folders(Optional.ofNullable(env.get("PATH")).orElse(""))).map(found -> {
            List<String> argv = new ArrayList<>(command);
            argv.set(0, found.toString());
            return List.copyOf(argv);
        }).orElse(command);
    }

    static Resolution resolve(String program, String pathVariable, Optional<Path> workdir) {
        if (program.contains("/")) {
            Path path = Path.of(program);
            if (!path.isAbsolute() && workdir.isEmpty()) {
                return missing(program, program + " is a relative path, but the task has no workdir, so a job starts in its own"
                        + " new folder where it is not; set workdir to the folder that holds it, or write an absolute path");
            }
            Path full = workdir.map(dir -> dir.resolve(path)).orElse(path).normalize();
            if (!Files.exists(full)) {
                return missing(program, full + " does not exist" + (path.isAbsolute() ? "" : " (looked for in the workdir)"));
            }
            return executable(program, full);
        }
        List<String> folders = folders(pathVariable);
        Optional<Path> found = firstOnPath(program, folders);
        if (found.isPresent()) {
            return executable(program, found.get());
        }
        Map<String, Path> onPath = new LinkedHashMap<>();
        for (String folder : folders) {
            executablesIn(Path.of(folder)).forEach(name -> onPath.putIfAbsent(name, Path.of(folder).resolve(name)));
        }
        String where = folders.isEmpty() ? "the task's PATH is empty" : "not found on the task's PATH (" + String.join(":", folders) + ")";
        return missing(program, "'" + program + "' is " + where + Suggestions.nearest(program, onPath.keySet())
                .map(near -> "; did you mean '" + near + "' (" + onPath.get(near) + ")? Write that name or the program's full path")
                .orElse("; install it, write its full path, or set PATH under the task's env"));
    }

    private static List<String> folders(String pathVariable) {
        return List.of(pathVariable.split(":")).stream().filter(f -> !f.isEmpty()).toList();
    }

    private static Optional<Path> firstOnPath(String program, List<String> folders) {
        for (String folder : folders) {
            try {
                Path candidate = Path.of(folder).resolve(program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            } catch (java.nio.file.InvalidPathException notAFolder) {
                // a PATH entry that is no path holds no program
            }
        }
        return Optional.empty();
    }

    private static Resolution executable(String program, Path found) {
        if (Files.isDirectory(found) || !Files.isExecutable(found)) {
            return new Resolution(program, Optional.of(found), Optional.of(found + " is not an executable file"
                    + (Files.isDirectory(found) ? "" : "; make it one (chmod +x) or start it with its interpreter, e.g. [bash, " + program + "]")),
                    Optional.empty());
        }
        if (!startsLikeAProgram(found)) {
            return new Resolution(program, Optional.of(found), Optional.of(found + " is neither a compiled program nor a script"
                    + " with a first line such as #!/bin/sh naming its interpreter; Sluice starts no shell to guess one, so add"
                    + " that line or start it with its interpreter, e.g. [sh, " + program + "]"), Optional.empty());
        }
        return new Resolution(program, Optional.of(found), Optional.empty(), ShimHint.of(program, found));
    }

    /** An ELF file or a `#!` script; a file that cannot be read is given the benefit of the doubt. */
    private static boolean startsLikeAProgram(Path file) {
        byte[] start = new byte[4];
        try (var in = Files.newInputStream(file)) {
            int read = in.readNBytes(start, 0, start.length);
            return (read >= 2 && start[0] == '#' && start[1] == '!')
                    || (read == 4 && start[0] == 0x7f && start[1] == 'E' && start[2] == 'L' && start[3] == 'F');
        } catch (IOException | SecurityException unreadable) {
            return true;
        }
    }

    private static Resolution missing(String program, String problem) {
        return new Resolution(program, Optional.empty(), Optional.of(problem), Optional.empty());
    }

    private static List<String> executablesIn(Path folder) {
        List<String> names = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder)) {
            entries.filter(Files::isExecutable).filter(Files::isRegularFile).forEach(p -> names.add(p.getFileName().toString()));
        } catch (IOException | SecurityException unreadable) {
            // a PATH entry that does not exist or cannot be listed holds nothing to suggest
        }
        return names;
    }
}
