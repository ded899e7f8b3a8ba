package dev.sluice.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.ToLongFunction;

/** The room left on the data folder's disk, and whether it is enough for a node to take work. */
final class DiskSpace {

    private DiskSpace() {
    }

    /** Bytes a new file may still take on the disk of {@code dir}; 0 when the disk cannot be read. */
    static long usable(Path dir) {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException unreadable) {
            return 0;
        }
    }

    /** Why the disk has too little room for new work, or empty: the reserve must be held and as much again free. */
    static Optional<String> shortage(Path dataDir, DiskReserve reserve, ToLongFunction<Path> usableSpace) {
        if (!reserve.held()) {
            return Optional.of("the disk is full: the room kept for running jobs is in use");
        }
        long usable = usableSpace.applyAsLong(dataDir);
        if (usable < DiskReserve.SIZE) {
            return Optional.of("the disk is full: " + usable + " bytes free, below the " + DiskReserve.SIZE + " bytes reserve");
        }
        return Optional.empty();
    }
}
