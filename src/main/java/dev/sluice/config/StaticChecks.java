package dev.sluice.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/** What makes a `static:` mount unusable or unsafe: a prefix that hides a route, a missing folder, the data folder in view. */
final class StaticChecks {

    static final Pattern PREFIX = Pattern.compile("/|(/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)+");
    private static final java.time.Duration LONGEST_CACHE = java.time.Duration.ofDays(365);

    private StaticChecks() {
    }

    static void check(SluiceConfig config, BiConsumer<String, String> problem) {
        config.staticFiles().mounts().forEach((prefix, mount) -> {
            String at = "/static/" + prefix.replace("~", "~0").replace("/", "~1");
            if (!PREFIX.matcher(prefix).matches()) {
                problem.accept(at, "'" + prefix + "' is not a URL path prefix such as / or /tiles (segments of letters, digits,"
                        + " '.', '-', '_' and '~', none starting with '.', and no '/' at the end)");
            } else {
                hiddenRoute(prefix).ifPresent(route -> problem.accept(at, "would hide Sluice's own route /" + route
                        + "; mount the folder under another prefix, such as /files"));
            }
            if (mount == null || mount.dir() == null) {
                problem.accept(mount == null ? at : at + "/dir", "names no folder; give the folder to serve, e.g. ./site");
                return;
            }
            String dirAt = at + "/dir";
            if (!ConfigValidator.isPath(mount.dir())) {
                problem.accept(dirAt, "'" + mount.dir() + "' is not a valid path");
                return;
            }
            Path dir = mount.dirPath();
            if (!Files.isDirectory(dir)) {
                problem.accept(dirAt, Files.exists(dir) ? dir + " is not a folder" : "the folder " + dir + " does not exist");
                return;
            }
            checkDataDir(dir, config.storage().dataPath(), dirAt, problem);
            if (mount.cache() != null && mount.cache().compareTo(LONGEST_CACHE) > 0) {
                problem.accept(at + "/cache", "must be at most 365d");
            }
            mount.fallbackFile().ifPresent(fallback -> checkFallback(dir, fallback, at + "/fallback", problem));
        });
    }

    private static java.util.Optional<String> hiddenRoute(String prefix) {
        if (prefix.equals("/")) {
            return java.util.Optional.empty();
        }
        String first = prefix.substring(1).split("/", 2)[0].toLowerCase(Locale.ROOT);
        return StaticConfig.ROUTE_SEGMENTS.contains(first) ? java.util.Optional.of(first) : java.util.Optional.empty();
    }

    // why: the data folder holds the database and every job's files; served, a mount would publish all of them
    private static void checkDataDir(Path dir, Path dataDir, String at, BiConsumer<String, String> problem) {
        Path realDir = real(dir);
        Path realData = real(dataDir);
        if (realData.startsWith(realDir)) {
            problem.accept(at, realDir.equals(realData) ? "is the data folder (storage.data-dir); its database and job"
                    + " folders would be served" : "contains the data folder (storage.data-dir) " + realData
                    + "; its database and job folders would be served");
        } else if (realDir.startsWith(realData)) {
            problem.accept(at, "lies inside the data folder (storage.data-dir) " + realData + "; job folders would be served");
        }
    }

    private static void checkFallback(Path dir, String fallback, String at, BiConsumer<String, String> problem) {
        if (!ConfigValidator.isPath(fallback) || Path.of(fallback).isAbsolute()) {
            problem.accept(at, "'" + fallback + "' must be a file inside the mount's folder, such as index.html");
            return;
        }
        for (Path part : Path.of(fallback)) {
            if (part.toString().startsWith(".")) {
                problem.accept(at, "'" + fallback + "' must be a file inside the mount's folder, with no part starting with '.'");
                return;
            }
        }
        if (!Files.isRegularFile(dir.resolve(fallback))) {
            problem.accept(at, "there is no file " + dir.resolve(fallback));
        }
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException notThereYet) {
            Path parent = path.getParent();
            return parent == null ? path : real(parent).resolve(path.getFileName());
        }
    }
}
