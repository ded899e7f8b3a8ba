package dev.sluice.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Keeps a second server from using the same data folder: two would run the same jobs and fight over the database. */
public final class DataDirLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static DataDirLock acquire(Path dataDir) {
        return acquire(dataDir.resolve("sluice.lock"), "another Sluice server is using the data folder " + dataDir);
    }

    /**
     * For one of several nodes sharing the data folder: keeps a second node of the same name (whose workers would carry
     * the same marker) off it, in the node's own folder.
     */
    public static DataDirLock acquireForNode(Path dataDir, dev.sluice.worker.NodePlace place, String name) {
        Path own = dataDir.resolve("nodes").resolve(place.marker());
        try {
            java.nio.file.Files.createDirectories(own);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the node's folder " + own, e);
        }
        return acquire(own.resolve("node.lock"), "another Sluice server is using the data folder " + dataDir + " as node " + name
                + " (give each node of a shared data folder its own node.name)");
    }

    private static DataDirLock acquire(Path file, String refusal) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException heldInThisProcess) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new IllegalStateException(refusal);
            }
            return new DataDirLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
    }
}
