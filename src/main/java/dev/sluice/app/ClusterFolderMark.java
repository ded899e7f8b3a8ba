package dev.sluice.app;

import dev.sluice.store.JobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Proves that a node sharing a database also sees the data folder the others write job files to. The first node
 * stores a random cluster id in the database and writes it into the folder; a later node finds the id in the
 * database and refuses to start unless the folder holds the same id, so a node whose shared folder is not mounted
 * (an empty local folder in its place) never runs jobs whose files the others cannot see.
 */
final class ClusterFolderMark {

    static final String FILE = "sluice-cluster-id";
    private static final String KEY = "cluster-id";
    private static final java.time.Duration FIRST_WRITE_WAIT = java.time.Duration.ofSeconds(3);

    private ClusterFolderMark() {
    }

    static void check(JobStore store, Path dataDir) {
        byte[] fresh = new byte[16];
        new SecureRandom().nextBytes(fresh);
        byte[] stored = store.serverKey(KEY, fresh);
        String id = HexFormat.of().formatHex(stored);
        Path mark = dataDir.resolve(FILE);
        try {
            if (Arrays.equals(stored, fresh) && !Files.exists(mark)) {
                Files.writeString(mark, id + "\n", StandardOpenOption.CREATE_NEW);
                return;
            }
            String found = awaitMark(mark);
            if (!id.equals(found)) {
                throw new IllegalStateException("the data folder " + dataDir + (found == null ? " has no " + FILE
                        : "'s " + FILE + " is " + found) + ", but the database belongs to the cluster " + id
                        + ": every node must use the one shared data folder (is it mounted here?); if this folder is"
                        + " that shared folder, write " + id + " into " + mark);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + mark, e);
        }
    }

    // why: nodes started together on a new database: the first stores the id, then writes the file; another may look
    // in between, so a missing (or still empty) file is waited for a moment before it counts as not the shared folder
    private static String awaitMark(Path mark) throws IOException {
        long deadline = System.nanoTime() + FIRST_WRITE_WAIT.toNanos();
        String found = read(mark);
        while ((found == null || found.isEmpty()) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            found = read(mark);
        }
        return found;
    }

    private static String read(Path mark) throws IOException {
        return Files.exists(mark) ? Files.readString(mark).strip() : null;
    }
}
