package dev.sluice.http;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        /**
         * A regular file with one name (a hard link could bring in a file from anywhere on the disk); {@code opened}
         * when finding it opened it already (else null), and then whoever found it calls {@link #release}.
         */
        record File(Path real, FileVersion version, FileSource opened) implements Found {
            File(Path real, FileVersion version) {
                this(real, version, null);
            }

            /** Closes what finding it opened; a second close, after {@link #open} handed it on, does nothing. */
            void release() {
                closeQuietly(opened);
            }

            long size() {
                return version.size();
            }

            long modifiedMillis() {
                return version.modified().toMillis();
            }
        }

        record Folder(Path real) implements Found {
        }

        record Nothing() implements Found {
        }
    }

    /** A file opened for sending, with the version {@link #find} saw, which its validators are made of. */
    record OpenFile(FileSource source, FileVersion version) implements AutoCloseable {
        long size() {
            return version.size();
        }

        long modifiedMillis() {
            return version.modified().toMillis();
        }

        @Override
        public void close() throws IOException {
            source.close();
        }
    }

    // why: one system call tells the kind of a name, its number of names, its age and its identity
    private static final String SEEN = "unix:isRegularFile,isDirectory,isSymbolicLink,nlink,size,lastModifiedTime,ctime,dev,ino";

    private final Path dir;
    private final Path realAtStart;
    private final boolean linked;
    private final Optional<Path> configFile;
    private final CheckedFolders folders = new CheckedFolders();
    private final Optional<FolderFiles> kernel;

    StaticFolder(Path dir, Optional<Path> configFile) throws IOException {
        this.dir = dir.toAbsolutePath().normalize();
        this.realAtStart = dir.toRealPath();
        // why: a folder reached through a link (`current -> releases/42`) is deployed by switching the link;
        // only then is its real path looked up again on each request
        this.linked = !realAtStart.equals(this.dir);
        this.configFile = configFile.flatMap(StaticFolder::realIfAny);
        this.kernel = linked ? Optional.empty() : FolderFiles.below(realAtStart);
    }

    /** Gives back what the folder holds open (the kernel's handle on it), once no request is using it. */
    void close() {
        kernel.ifPresent(FolderFiles::close);
    }

    /** What the names, taken from the folder down, lead to once every link is followed. */
    Found find(List<String> names) {
        Optional<Found> opened = openedByKernel(names);
        if (opened.isPresent()) {
            return opened.get();
        }
        Path asked = linked ? dir : realAtStart;
        for (String name : names) {
            asked = asked.resolve(name);
        }
        return find(asked);
    }

    Found find(Path asked) {
        if (kernel.isPresent() && asked.startsWith(realAtStart) && !asked.equals(realAtStart)) {
            List<String> names = new ArrayList<>();
            realAtStart.relativize(asked).forEach(name -> names.add(name.toString()));
            Optional<Found> opened = openedByKernel(names);
            if (opened.isPresent()) {
                return opened.get();
            }
        }
        return quickly(asked).orElseGet(() -> thoroughly(asked));
    }

    /**
     * The names looked up and opened in one system call, which refuses a link on the way and a step out of the
     * folder. Empty when only the JDK's checks can tell: no kernel opener, a name that is hidden or climbs, a link.
     */
    private Optional<Found> openedByKernel(List<String> names) {
        if (kernel.isEmpty() || names.isEmpty()) {
            return Optional.empty();
        }
        for (String name : names) {
            if (name.isEmpty() || name.startsWith(".") || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
                return Optional.empty();
            }
        }
        String relative = String.join("/", names);
        return switch (kernel.get().open(relative)) {
            case FolderFiles.Opened.Missing missing -> Optional.of(new Found.Nothing());
            case FolderFiles.Opened.Unsure unsure -> Optional.empty();
            case FolderFiles.Opened.Folder folder -> Optional.of(new Found.Folder(realAtStart.resolve(relative)));
            case FolderFiles.Opened.File file -> Optional.of(servable(realAtStart.resolve(relative), file));
        };
    }

    private Found servable(Path real, FolderFiles.Opened.File file) {
        if (file.links() == 1 && configFile.filter(real::equals).isEmpty()) {
            return new Found.File(real, file.version(), file.source());
        }
        closeQuietly(file.source());
        log.debug("event=static-refused file={} reason=\"has another name (a hard link), or is the config file\"", real);
        return new Found.Nothing();
    }

    /**
     * A name in a folder already checked: one look at the folder's identity and one at the name, where resolving
     * the whole path takes a system call per folder. Empty when only {@link #thoroughly} can tell (a link, the
     * mount's own folder, a folder not checked or no longer the one checked).
     */
    private Optional<Found> quickly(Path asked) {
        Path parent = asked.getParent();
        Path name = asked.getFileName();
        if (parent == null || name == null) {
            return Optional.empty();
        }
        Optional<Path> folder = folders.real(parent, this::folderInside);
        if (folder.isEmpty()) {
            return Optional.empty();
        }
        Path real = folder.get().resolve(name);
        Map<String, Object> seen;
        try {
            seen = Files.readAttributes(real, SEEN, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException gone) {
            return Optional.of(new Found.Nothing());
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException unreadable) {
            return Optional.empty();
        }
        if (Boolean.TRUE.equals(seen.get("isSymbolicLink"))) {
            return Optional.empty();
        }
        if (name.toString().startsWith(".") || configFile.filter(real::equals).isPresent()) {
            return Optional.of(new Found.Nothing());
        }
        return Optional.of(found(real, seen));
    }

    private Found thoroughly(Path asked) {
        Optional<Path> real = realIfAny(asked);
        Optional<Path> root = root();
        if (real.isEmpty() || root.isEmpty() || !servable(root.get(), real.get())) {
            return new Found.Nothing();
        }
        try {
            return found(real.get(), Files.readAttributes(real.get(), SEEN, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException gone) {
            return new Found.Nothing();
        }
    }

    private static Found found(Path real, Map<String, Object> seen) {
        if (Boolean.TRUE.equals(seen.get("isDirectory"))) {
            return new Found.Folder(real);
        }
        if (!Boolean.TRUE.equals(seen.get("isRegularFile")) || !(seen.get("lastModifiedTime") instanceof FileTime modified)
                || !(seen.get("ctime") instanceof FileTime changed) || !(seen.get("size") instanceof Long size)
                || !(seen.get("dev") instanceof Long device) || !(seen.get("ino") instanceof Long inode)) {
            return new Found.Nothing();
        }
        if (!(seen.get("nlink") instanceof Integer links) || links != 1) {
            // why: debug, as a client can ask for such a file as often as it likes
            log.debug("event=static-refused file={} reason=\"has another name (a hard link)\"", real);
            return new Found.Nothing();
        }
        return new Found.File(real, new FileVersion(device, inode, size, modified, changed));
    }

    private Optional<Path> folderInside(Path folder) {
        Optional<Path> root = root();
        return realIfAny(folder).filter(real -> root.isPresent() && servable(root.get(), real));
    }

    /**
     * Opens a file that {@link #find} returned (or hands on the one finding it opened), without following a link, so
     * a link swapped in after the check is not followed. Its size is the one {@code find} saw.
     * why: asking the open file again costs a system call per request; a file that changes while it is sent is
     * sent torn either way
     */
    Optional<OpenFile> open(Found.File file) {
        if (file.opened() != null) {
            return Optional.of(new OpenFile(file.opened(), file.version()));
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file.real(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            return Optional.of(new OpenFile(FileSource.of(channel), file.version()));
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

    private static void closeQuietly(java.io.Closeable file) {
        try {
            if (file != null) {
                file.close();
            }
        } catch (IOException ignored) {
            // nothing was sent from it
        }
    }
}
