package dev.sluice.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Large files of the mounts, mapped into memory and kept mapped while they are asked for, so that sending one is a
 * single write from the page cache to the socket: no read into a buffer, no copy in the JVM, no thread that waits.
 * why: reading a megabyte in 64 KB pieces and writing each through Jetty copied it three times in user space and
 * held a thread per download; mapping a file afresh for each request was tried and was slower still (a page fault
 * for every 4 KB of each new mapping), so mappings are kept, keyed by the file's version (device, inode, size and
 * times), and a file replaced or changed in any of those is mapped again.
 */
final class MappedFiles {

    /** What is smaller is read into one buffer and written at once; mapping it would cost more than it saves. */
    static final long SMALLEST = FileRanges.LARGEST_PIECE + 1;
    /** What is larger is sent in pieces from a thread, as before: it would push everything else out of the budget. */
    static final long LARGEST = 32L << 20;
    // why: bounds the address space and page-cache pages these mappings hold; the least recently sent goes first
    private static final long BUDGET_BYTES = 128L << 20;

    private final Map<FileVersion, ByteBuffer> mapped = new LinkedHashMap<>(16, 0.75f, true);
    private long mappedBytes;

    static boolean worthMapping(long size) {
        return size >= SMALLEST && size <= LARGEST;
    }

    /**
     * The whole file, mapped read-only: the mapping kept for this version, else a new one made from {@code file}
     * (which must be that version, opened and checked by the caller; asked for its channel only then). Empty when
     * the file is not worth mapping or cannot be mapped; the caller then reads it as before.
     */
    Optional<ByteBuffer> of(FileVersion version, FileSource file) {
        if (!worthMapping(version.size())) {
            return Optional.empty();
        }
        synchronized (this) {
            ByteBuffer known = mapped.get(version);
            if (known != null) {
                return Optional.of(known.duplicate());
            }
        }
        ByteBuffer fresh;
        try {
            FileChannel channel = file.channel();
            // why: a file cut short since it was looked at is not the version asked for (a read-only mapping cannot grow it)
            if (channel.size() != version.size()) {
                return Optional.empty();
            }
            fresh = channel.map(FileChannel.MapMode.READ_ONLY, 0, version.size());
        } catch (IOException | UnsupportedOperationException | OutOfMemoryError unmappable) {
            return Optional.empty();
        }
        synchronized (this) {
            ByteBuffer raced = mapped.putIfAbsent(version, fresh);
            if (raced != null) {
                return Optional.of(raced.duplicate());
            }
            mappedBytes += version.size();
            var oldest = mapped.entrySet().iterator();
            // why: a dropped mapping is unmapped by the collector once the last answer sending from it is done
            while (mappedBytes > BUDGET_BYTES && oldest.hasNext()) {
                Map.Entry<FileVersion, ByteBuffer> entry = oldest.next();
                if (entry.getKey().equals(version)) {
                    continue;
                }
                mappedBytes -= entry.getKey().size();
                oldest.remove();
            }
        }
        return Optional.of(fresh.duplicate());
    }

    synchronized int count() {
        return mapped.size();
    }
}
