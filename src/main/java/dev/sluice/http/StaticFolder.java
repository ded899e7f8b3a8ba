package dev.sluice.http;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One mounted folder, from which only what really lies inside it is opened: no link out of it, no hidden name,
 * no file with a second name, never the config file.
 */
final class StaticFolder {

    private static final Logger log = LoggerFactory.getLogger(StaticFolder.class);

    /** What a path names in the folder: a file that may be served, a folder, or nothing that may be served. */
    sealed interface Found {
        record File(Path real) implements Found {
        }

        record Folder(Path real) implements Found {
        }

        record Nothing() implements Found {
        }
    }

    /** A file opened for sending, with what its validators are made of. */
    record OpenFile(FileChannel channel, long size, long modifiedMillis) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private final Path dir;
    private final Path realAtStart;
    private final boolean linked;
    private final Optional<Path> configFile;

    StaticFolder(Path dir, Optional<Path> configFile) throws IOException {
        this.dir = dir.toAbsolutePath().normalize();
        this.realAtStart = dir.toRealPath();
        // why: a folder reached through a link (`current -> releases/42`) is deployed by switching the link;
        // only then is its real path looked up again on each request
        this.linked = !realAtStart.equals(this.dir);
        this.configFile = configFile.flatMap(StaticFolder::realIfAny);
    }

    /** What the names, taken from the folder down, lead to once every link is followed. */
    Found find(List<String> names) {
        Optional<Path> root = root();
        if (root.isEmpty()) {
            return new Found.Nothing();
        }
        Path asked = root.get();
        for (String name : names) {
            asked = asked.resolve(name);
        }
        return find(asked);
    }

    Found find(Path asked) {
        Optional<Path> real = realIfAny(asked);
        Optional<Path> root = root();
        if (real.isEmpty() || root.isEmpty() || !servable(root.get(), real.get())) {
            return new Found.Nothing();
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(real.get(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException gone) {
            return new Found.Nothing();
        }
        if (attributes.isDirectory()) {
            return new Found.Folder(real.get());
        }
        return attributes.isRegularFile() ? new Found.File(real.get()) : new Found.Nothing();
    }

    /**
     * Opens a file that {@link #find} returned, without following a link and only while it has one name, so a
     * link swapped in after the check is not followed and a hard link to a file elsewhere on the disk is not read.
     */
    Optional<OpenFile> open(Path real) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            java.util.Map<String, Object> seen = Files.readAttributes(real, "unix:nlink,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
            if (!(seen.get("nlink") instanceof Integer links) || links != 1
                    || !(seen.get("lastModifiedTime") instanceof java.nio.file.attribute.FileTime modified)) {
                // why: debug, as a client can ask for such a file as often as it likes
                log.debug("event=static-refused file={} reason=\"has another name (a hard link)\"", real);
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new OpenFile(channel, channel.size(), modified.toMillis()));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException unreadable) {
            closeQuietly(channel);
            return Optional.empty();
        }
    }

    // why: a link inside the folder may point anywhere; only its target, inside the folder and not hidden, counts
    private boolean servable(Path root, Path real) {
        if (!real.startsWith(root) || configFile.filter(real::equals).isPresent()) {
            log.debug("event=static-refused file={} reason=\"outside the mounted folder {}, or the config file\"", real, root);
            return false;
        }
        for (Path part : root.relativize(real)) {
            if (part.toString().startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    private Optional<Path> root() {
        return linked ? realIfAny(dir) : Optional.of(realAtStart);
    }

    private static Optional<Path> realIfAny(Path path) {
        try {
            return Optional.of(path.toRealPath());
        } catch (IOException | SecurityException missing) {
            return Optional.empty();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // nothing was sent from it
        }
    }
}
