package dev.sluice.worker;

import dev.sluice.store.JobId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.Optional;

/** A job's own folder: `in/` for its uploaded inputs, `out/` for what it produces, and `log` for its output. */
public record JobFolder(Path root) {

    /** How the names of folders still being made by {@link #createMarked} start. */
    public static final String STAGING_PREFIX = ".making-";

    public static JobFolder of(Path dataDir, JobId id) {
        return new JobFolder(allIn(dataDir).resolve(id.value()));
    }

    /** The folder that holds every job's folder. */
    public static Path allIn(Path dataDir) {
        return dataDir.resolve("jobs");
    }

    public Path in() {
        return root.resolve("in");
    }

    public Path out() {
        return root.resolve("out");
    }

    public Path log() {
        return root.resolve("log");
    }

    /**
     * Names the node that made the folder for a submission, where several nodes share data-dir: a node that restarts
     * after a crash removes the folders of its own uploads that were cut off before their commit, and leaves the
     * others' alone.
     */
    public Path uploader() {
        return root.resolve(".uploader");
    }

    /**
     * Makes the folder already naming its uploader: built under {@link #staging} and renamed into place, so a crash
     * never leaves the folder without its complete marker.
     */
    public JobFolder createMarked(String marker) {
        Path staging = staging(root.getParent(), marker, root.getFileName().toString());
        try {
            Files.createDirectories(staging);
            Files.writeString(staging.resolve(uploader().getFileName()), marker);
            Files.move(staging, root, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return this;
        } catch (IOException e) {
            FolderTree.deleteQuietly(staging);
            throw new UncheckedIOException("cannot create the job's folder " + root, e);
        }
    }

    /**
     * Removes a folder made by {@link #createMarked}: it goes back under its staging name first, so a crash midway
     * leaves a folder the start-up sweep knows as this node's, not one without its marker.
     */
    public void deleteMarked(String marker) {
        Path staging = staging(root.getParent(), marker, root.getFileName().toString());
        try {
            Files.move(root, staging, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException gone) {
            return;
        } catch (IOException e) {
            staging = root;
        }
        FolderTree.deleteQuietly(staging);
    }

    /** Where {@link #createMarked} builds the folder of job {@code name} in {@code jobsDir} for {@code marker}. */
    private static Path staging(Path jobsDir, String marker, String name) {
        return jobsDir.resolve(STAGING_PREFIX + marker + "-" + name);
    }

    /** Makes the folder and its out/ if missing; in/ is made by {@link #createForInputs()} when there are uploads. */
    public JobFolder create() {
        return make(List.of(root, out()));
    }

    /** Makes the folder with its in/ and out/ if missing. */
    public JobFolder createForInputs() {
        return make(List.of(root, in(), out()));
    }

    // why: one mkdir each (createDirectories first fails on the missing parent), and no in/ for jobs without
    // uploads, as a new directory costs an inode and a block
    private JobFolder make(List<Path> dirs) {
        try {
            for (Path dir : dirs) {
                try {
                    Files.createDirectory(dir);
                } catch (FileAlreadyExistsException existing) {
                    if (!Files.isDirectory(dir)) {
                        throw existing;
                    }
                } catch (NoSuchFileException firstJob) {
                    Files.createDirectories(dir);
                }
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create job folder " + root, e);
        }
    }

    /**
     * Before a retry, moves what the earlier attempt wrote to `out-attempt-N/`, so a missing output of this
     * attempt cannot be hidden by a stale file, and marks the new attempt in the log. Returns how long the log is
     * then: this attempt's lines follow (0 for a first attempt, which has no log before it prints).
     */
    long setAsideEarlierAttempt(int attempt) throws IOException {
        if (attempt <= 1) {
            return 0;
        }
        try (var entries = Files.list(out())) {
            if (entries.findAny().isPresent()) {
                Files.move(out(), root.resolve("out-attempt-" + (attempt - 1)), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.createDirectories(out());
            }
        }
        try (OutputStream out = appendToLog()) {
            out.write(("--- sluice: attempt " + attempt + " ---\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return Files.size(log());
    }

    /**
     * The regular file at {@code relative} inside {@code out/}, if there is one and it really lies inside:
     * neither `..` nor a symlink the job planted (in out/, or in place of out/ or of its own folder) may lead a
     * reader out of the job's folder.
     */
    public Optional<Path> outputFile(String relative) {
        try {
            Optional<Path> outDir = untampered(out());
            if (outDir.isEmpty()) {
                return Optional.empty();
            }
            Path candidate = outDir.get().resolve(relative).normalize();
            if (!candidate.startsWith(outDir.get()) || !Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            Path real = candidate.toRealPath();
            return real.startsWith(outDir.get()) && Files.isRegularFile(real) && singlyLinked(real)
                    ? Optional.of(real) : Optional.empty();
        } catch (IOException | java.nio.file.InvalidPathException unreadable) {
            return Optional.empty();
        }
    }

    /** The job's log, if it is a regular file where the server wrote it, not a symlink the job put in its place. */
    public Optional<Path> logFile() {
        try {
            Optional<Path> real = untampered(log());
            return real.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && singlyLinked(file));
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * Opens the log for the server to append the job's output to. A job may have put a link in the log's place: the
     * server must never write through it (into the database, or out of a sandbox), so neither kind is followed.
     */
    OutputStream appendToLog() throws IOException {
        if (!Files.isDirectory(root)) {
            Files.createDirectories(root);
        }
        OutputStream out = Files.newOutputStream(log(), StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                LinkOption.NOFOLLOW_LINKS);
        if (!singlyLinked(log())) {
            out.close();
            throw new IOException("the job's log has another name (a hard link); its output is not written there");
        }
        return out;
    }

    /**
     * Opens a file that {@link #outputFile} or {@link #logFile} found, for reading: without following a link, and
     * only while it still has no second name, so nothing swapped in after the check is read instead.
     */
    public static FileChannel openChecked(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        if (!singlyLinked(file)) {
            channel.close();
            throw new IOException(file.getFileName() + " has another name (a hard link) and is not served");
        }
        return channel;
    }

    // why: a hard link made inside the folder (by `ln`, or by a tar a job unpacked) names a file from anywhere on the
    // same disk, such as the database or the config, and no path check can tell; a file of the job has one name
    private static boolean singlyLinked(Path file) {
        try {
            return Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS) instanceof Integer links && links == 1;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException unknown) {
            return false;
        }
    }

    // why: a job runs as the server's user and may replace out/, its log or even its own folder by a symlink;
    // the real path of what the server made must be exactly where the server made it
    private Optional<Path> untampered(Path made) throws IOException {
        if (!Files.exists(made, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Path expected = root.getParent().toRealPath().resolve(root.getFileName()).resolve(root.relativize(made));
        Path real = made.toRealPath();
        return real.equals(expected) ? Optional.of(real) : Optional.empty();
    }
}
