package dev.sluice.worker;

import dev.sluice.config.TaskConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A `preflight:` value that would work for a task's command: for a Python script, importing the libraries it imports
 * at its top; for a known interpreter, its version; for any other program, a test that it is there and executable.
 */
final class PreflightSuggestion {

    private static final Pattern PYTHON = Pattern.compile("python[0-9.]*");
    private static final Pattern IMPORT = Pattern.compile("^(?:import\\s+([\\w.]+(?:\\s*,\\s*[\\w.]+)*)|from\\s+([\\w.]+)\\s+import\\b)");
    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "zsh", "ksh");
    private static final Set<String> VERSIONED = Set.of("Rscript", "julia", "node", "perl", "ruby", "java", "deno", "bun");
    // why: importing the standard library proves nothing the interpreter's start does not; listing it would only add noise
    private static final Set<String> STANDARD = Set.of("__future__", "abc", "argparse", "array", "ast", "asyncio", "base64",
            "bisect", "collections", "concurrent", "contextlib", "copy", "csv", "dataclasses", "datetime", "decimal", "enum",
            "errno", "fractions", "functools", "glob", "gzip", "hashlib", "heapq", "html", "http", "importlib", "inspect", "io",
            "itertools", "json", "logging", "math", "multiprocessing", "operator", "os", "pathlib", "pickle", "platform",
            "queue", "random", "re", "shlex", "shutil", "signal", "socket", "sqlite3", "statistics", "string", "struct",
            "subprocess", "sys", "tempfile", "textwrap", "threading", "time", "traceback", "typing", "unicodedata", "urllib",
            "uuid", "warnings", "xml", "zipfile", "zlib", "sluice");
    // why: a script that imports a dozen libraries has a slow preflight; the interpreter's version is then the cheap check
    private static final int MAX_IMPORTS = 8;
    private static final int MAX_SCRIPT_BYTES = 1 << 20;

    private PreflightSuggestion() {
    }

    static String forTask(TaskConfig task, CommandLookup.Resolution program) {
        String name = task.command().get(0);
        String base = Path.of(name).getFileName().toString();
        if (PYTHON.matcher(base).matches()) {
            Set<String> imports = task.command().stream().skip(1).filter(a -> a.endsWith(".py"))
                    .map(a -> task.workdirPath().map(dir -> dir.resolve(a)).orElse(Path.of(a)))
                    .findFirst().map(PreflightSuggestion::thirdPartyImports).orElse(Set.of());
            return !imports.isEmpty() && imports.size() <= MAX_IMPORTS
                    ? flow(List.of(name, "-c", "import " + String.join(", ", imports)))
                    : flow(List.of(name, "--version"));
        }
        if (SHELLS.contains(base)) {
            return flow(List.of(name, "-c", "true"));
        }
        if (VERSIONED.contains(base)) {
            return flow(List.of(name, "--version"));
        }
        return flow(List.of("test", "-x", program.path().map(Path::toString).orElse(name)));
    }

    /** The modules a script imports at its top level (not indented), without the standard library's common ones. */
    static Set<String> thirdPartyImports(Path script) {
        Set<String> modules = new LinkedHashSet<>();
        try {
            if (!Files.isRegularFile(script) || Files.size(script) > MAX_SCRIPT_BYTES) {
                return modules;
            }
            for (String line : Files.readAllLines(script)) {
                Matcher m = IMPORT.matcher(line);
                if (m.find()) {
                    String names = m.group(1) != null ? m.group(1) : m.group(2);
                    for (String module : names.split("\\s*,\\s*")) {
                        String top = module.strip().split("\\.")[0];
                        if (!top.isEmpty() && !STANDARD.contains(top)) {
                            modules.add(top);
                        }
                    }
                }
            }
        } catch (IOException | java.io.UncheckedIOException unreadable) {
            modules.clear();
        }
        return modules;
    }

    private static String flow(List<String> argv) {
        return "[" + String.join(", ", argv.stream().map(PreflightSuggestion::scalar).toList()) + "]";
    }

    private static String scalar(String value) {
        return value.matches("[A-Za-z0-9_./-]+") && !value.startsWith("-") || value.matches("-[A-Za-z-]+")
                ? value : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
