package dev.sluice.worker;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A folder and everything in it, measured or removed. A job may have left links in its folders: the walks count and
 * delete the links themselves and never follow one out of the folder.
 */
public final class FolderTree {

    private FolderTree() {
    }

    /** The bytes of the regular files in the folder; 0 when there is none. */
    public static long size(Path root) throws IOException {
        return walk(root, false);
    }

    /** Removes the folder (or file) and returns the bytes its regular files took; 0 when there is none. */
    public static long delete(Path root) throws IOException {
        return walk(root, true);
    }

    /** Removes the folder if it can; for a folder that never held an accepted job, where a leftover harms nothing. */
    public static void deleteQuietly(Path root) {
        try {
            delete(root);
        } catch (IOException | java.io.UncheckedIOException ignored) {
            // a folder that cannot be removed now holds no job and harms nothing
        }
    }

    private static long walk(Path root, boolean delete) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        long[] bytes = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                bytes[0] += attrs.isRegularFile() ? attrs.size() : 0;
                if (delete) {
                    Files.deleteIfExists(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failed) throws IOException {
                if (failed != null) {
                    throw failed;
                }
                if (delete) {
                    Files.deleteIfExists(dir);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return bytes[0];
    }
}
