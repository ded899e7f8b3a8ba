package dev.sluice.worker;

import dev.sluice.config.TaskConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What `sluice check` can tell of a task's command without running a job: where its program resolves, files its
 * arguments name that are not there, and a preflight to add when it has none.
 */
public final class CommandCheck {

    /** How much a finding matters: a problem fails the check; a hint and a suggestion are advice. */
    public enum Kind { RESOLVED, PROBLEM, HINT, SUGGESTION }

    /** One finding about a task, at a JSON pointer into the config (`/tasks/t/command/1`). */
    public record Finding(Kind kind, String pointer, String message) {
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[A-Za-z0-9_-]+}");
    private static final Pattern SCRIPT = Pattern.compile(
            ".*\\.(py|sh|bash|zsh|R|r|jl|pl|rb|js|mjs|cjs|ts|lua|php|m|tcl|awk|sed|jar|ipynb)");

    private CommandCheck() {
    }

    public static List<Finding> of(String name, TaskConfig task) {
        List<Finding> findings = new ArrayList<>();
        // why: a program chosen by an input is only known once a job names it
        if (task.command().isEmpty() || PLACEHOLDER.matcher(task.command().get(0)).find()) {
            return findings;
        }
        String at = "/tasks/" + name + "/command";
        CommandLookup.Resolution program = CommandLookup.resolve(task.command().get(0), task);
        program.problem().ifPresentOrElse(p -> findings.add(new Finding(Kind.PROBLEM, at + "/0", p)),
                () -> findings.add(new Finding(Kind.RESOLVED, at + "/0", program.describe())));
        program.hint().ifPresent(h -> findings.add(new Finding(Kind.HINT, at + "/0", h)));
        for (int i = 1; i < task.command().size(); i++) {
            String argument = task.command().get(i);
            String pointer = at + "/" + i;
            if (looksLikeAFile(argument)) {
                missingFile(argument, task.workdirPath()).ifPresent(p -> findings.add(new Finding(Kind.PROBLEM, pointer, p)));
            }
        }
        // why: a suggestion built on a program that is not there would only repeat the problem
        if (task.preflight().isEmpty() && program.problem().isEmpty()) {
            findings.add(new Finding(Kind.SUGGESTION, "/tasks/" + name + "/preflight",
                    "none set; add `preflight: " + PreflightSuggestion.forTask(task, program) + "` to find a missing"
                            + " interpreter or library when the server starts instead of at the first job"));
        }
        return findings;
    }

    // why: options, code snippets (`-c "import x"`), URLs, path lists (`-cp a.jar:lib/*`) and placeholders are no file
    static boolean looksLikeAFile(String argument) {
        if (argument.isEmpty() || argument.startsWith("-") || PLACEHOLDER.matcher(argument).find()
                || argument.chars().anyMatch(Character::isWhitespace) || argument.contains(":") || argument.contains("=")
                || argument.contains("*")) {
            return false;
        }
        return argument.contains("/") || SCRIPT.matcher(argument).matches();
    }

    private static Optional<String> missingFile(String argument, Optional<Path> workdir) {
        Path path = Path.of(argument);
        if (path.isAbsolute()) {
            return Files.exists(path) ? Optional.empty() : Optional.of("file " + argument + " does not exist");
        }
        if (workdir.isEmpty()) {
            return Optional.of("file " + argument + " is relative, but the task has no workdir, so a job looks for it in its own"
                    + " new folder; set workdir to the folder that holds it, or write an absolute path");
        }
        Path full = workdir.get().resolve(path).normalize();
        return Files.exists(full) ? Optional.empty()
                : Optional.of("file " + argument + " is not in the task's workdir " + workdir.get()
                        + "; check its name, or set workdir to the folder that holds it");
    }
}
