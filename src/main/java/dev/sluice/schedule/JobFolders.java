package dev.sluice.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Sizes and removes job folders for retention. A job may have left links in its folder: the walks count and delete
 * the links themselves and never follow one out of the folder.
 */
final class JobFolders {

    private JobFolders() {
    }

    /** The bytes of the regular files in the folder; 0 when it is gone. */
    static long size(Path folder) {
        return walk(folder, false);
    }

    /** Removes the folder and returns the bytes its regular files took; 0 when it is gone. */
    static long delete(Path folder) {
        return walk(folder, true);
    }

    private static long walk(Path folder, boolean delete) {
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        long[] bytes = {0};
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    bytes[0] += attrs.isRegularFile() ? attrs.size() : 0;
                    if (delete) {
                        Files.delete(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failed) throws IOException {
                    if (delete) {
                        Files.delete(dir);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot " + (delete ? "remove " : "measure ") + folder, failed);
        }
        return bytes[0];
    }
}
