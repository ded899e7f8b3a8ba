package dev.sluice.worker;

import dev.sluice.store.JobId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sandboxed warm worker's one window onto job folders. bwrap's mounts are fixed when the worker starts, so the
 * worker gets this window (writable) instead of data-dir: for each job the server moves the job's `in/` and `out/`
 * into it, and back when the job ends. Renames within data-dir's file system, so nothing is copied. The job's log
 * stays where it is: the server writes it from the worker's stderr.
 */
final class WarmExchange {

    private static final Logger log = LoggerFactory.getLogger(WarmExchange.class);
    private static final String OWNER = "job-id";

    private final Path dataDir;
    private final Path home;

    private WarmExchange(Path dataDir, Path home) {
        this.dataDir = dataDir;
        this.home = home;
    }

    /** The folder that holds every warm worker's window, of the only node of the data folder. */
    static Path allIn(Path dataDir) {
        return NodePlace.alone(dataDir).exchange();
    }

    /** A window of a worker of {@code task}, in the node's folder of windows {@code all}. */
    static WarmExchange create(Path dataDir, Path all, String task) throws IOException {
        Path home = all.resolve(task).resolve(UUID.randomUUID().toString());
        Files.createDirectories(home.resolve("job"));
        return new WarmExchange(dataDir, home);
    }

    /** What the worker sees: bound into its sandbox at the same path. */
    Path window() {
        return home.resolve("job");
    }

    /** Moves the job's `in/` and `out/` into the window; the folder returned is the job as the worker sees it. */
    JobFolder lend(JobFolder folder, JobId job) throws IOException {
        // why: outside the window, so the worker cannot forge whose folder this is; read back after a crash
        Files.writeString(home.resolve(OWNER), job.value(), StandardCharsets.UTF_8);
        JobFolder seen = new JobFolder(window());
        moveIfPresent(folder.in(), seen.in());
        moveIfPresent(folder.out(), seen.out());
        return seen;
    }

    /** Moves back what the job has in the window, once the worker no longer runs it. */
    void giveBack(JobFolder folder) throws IOException {
        Files.createDirectories(folder.root());
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(window())) {
            for (Path entry : entries) {
                Path target = folder.root().resolve(entry.getFileName().toString());
                if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    // why: a file the job named like one of the server's own (its log) does not replace it
                    FolderTree.delete(entry);
                } else {
                    Files.move(entry, target, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        }
        Files.deleteIfExists(home.resolve(OWNER));
    }

    /** Removes the window once its worker is gone; a job folder still lent (after a failure) is put back first. */
    void remove() {
        try {
            Path owner = home.resolve(OWNER);
            if (Files.isRegularFile(owner)) {
                java.util.Optional<JobId> job = JobId.parse(Files.readString(owner).strip());
                if (job.isPresent()) {
                    giveBack(JobFolder.of(dataDir, job.get()));
                    log.info("event=exchange-restored job={}", job.get().value());
                }
            }
            FolderTree.delete(home);
        } catch (IOException e) {
            log.warn("event=exchange-not-removed folder={} reason=\"{}\"", home, e.getMessage());
        }
    }

    /** After a crash: puts back the folders of jobs that were lent to workers in {@code all}, and removes every window. */
    static void restoreAll(Path dataDir, Path all) {
        if (!Files.isDirectory(all)) {
            return;
        }
        try (Stream<Path> tasks = Files.list(all)) {
            tasks.filter(Files::isDirectory).flatMap(WarmExchange::children)
                    .forEach(home -> new WarmExchange(dataDir, home).remove());
        } catch (IOException e) {
            log.warn("event=exchange-not-restored folder={} reason=\"{}\"", all, e.getMessage());
        }
    }

    private static Stream<Path> children(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static void moveIfPresent(Path from, Path to) throws IOException {
        if (Files.isDirectory(from, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
