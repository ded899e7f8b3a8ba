package dev.sluice.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The folders of a mount already found to lie inside it, each remembered with its identity (device and inode).
 * why: resolving every folder of a path to its real path costs a system call per folder on every request; a folder
 * that still resolves to the same inode is the folder that was checked (a folder has only one name), and anything
 * put in its place, a link to elsewhere included, has another identity and is checked again from the start.
 */
final class CheckedFolders {

    // why: bounds the memory a client asking for many folders can make this hold; refilled as requests come
    private static final int MOST_REMEMBERED = 10_000;
    // why: a checked folder moved out of the mount and linked back keeps its identity; this bounds how long it is trusted
    private static final long RECHECK_AFTER_NANOS = 10_000_000_000L;

    private record Checked(Path real, Object identity, long checkedAt) {
    }

    private final ConcurrentHashMap<Path, Checked> checked = new ConcurrentHashMap<>();

    /**
     * The real path of {@code folder}, from memory when it still resolves to the folder checked before, else from
     * {@code check} (empty: not a folder of the mount, and not remembered).
     */
    Optional<Path> real(Path folder, Function<Path, Optional<Path>> check) {
        Checked known = checked.get(folder);
        Object identity = identityOf(folder);
        if (identity == null) {
            return Optional.empty();
        }
        if (known != null && known.identity().equals(identity) && System.nanoTime() - known.checkedAt() < RECHECK_AFTER_NANOS) {
            return Optional.of(known.real());
        }
        Optional<Path> real = check.apply(folder);
        if (real.isEmpty() || !identity.equals(identityOf(real.get()))) {
            checked.remove(folder);
            return Optional.empty();
        }
        if (checked.size() >= MOST_REMEMBERED) {
            checked.clear();
        }
        checked.put(folder, new Checked(real.get(), identity, System.nanoTime()));
        return real;
    }

    /** The folder's device and inode, following links; null when it is not a folder or cannot be read. */
    private static Object identityOf(Path folder) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(folder, BasicFileAttributes.class);
            return attributes.isDirectory() ? attributes.fileKey() : null;
        } catch (IOException | SecurityException unreadable) {
            return null;
        }
    }
}
