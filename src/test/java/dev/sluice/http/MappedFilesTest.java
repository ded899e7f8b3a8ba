package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mappings kept for large files stay within their budget, and only files worth mapping are mapped. */
class MappedFilesTest {

    @TempDir
    Path dir;

    @Test
    void the_least_recently_sent_mappings_are_dropped_to_stay_within_the_budget() throws IOException {
        MappedFiles mappings = new MappedFiles();
        for (int i = 0; i < 10; i++) {
            // why: sparse files of the largest size mapped; they take no disk
            assertThat(mapped(mappings, "large-" + i, MappedFiles.LARGEST, i)).isPresent();
        }

        assertThat(mappings.count()).isEqualTo(4);
    }

    @Test
    void a_file_too_small_or_too_large_is_not_mapped_and_a_version_is_mapped_once() throws IOException {
        MappedFiles mappings = new MappedFiles();

        assertThat(mapped(mappings, "small", MappedFiles.SMALLEST - 1, 1)).isEmpty();
        assertThat(mapped(mappings, "huge", MappedFiles.LARGEST + 1, 2)).isEmpty();
        Optional<ByteBuffer> first = mapped(mappings, "middle", MappedFiles.SMALLEST, 3);
        Optional<ByteBuffer> again = mapped(mappings, "middle", MappedFiles.SMALLEST, 3);
        assertThat(first).get().extracting(ByteBuffer::remaining).isEqualTo((int) MappedFiles.SMALLEST);
        assertThat(again).isPresent();
        assertThat(mappings.count()).isEqualTo(1);
    }

    @Test
    void a_file_shorter_than_the_version_asked_for_is_not_mapped() throws IOException {
        MappedFiles mappings = new MappedFiles();
        Path file = dir.resolve("shrunk");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(MappedFiles.SMALLEST);
        }
        FileVersion bigger = new FileVersion(1, 9, MappedFiles.SMALLEST * 2, FileTime.fromMillis(0), FileTime.fromMillis(0));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            assertThat(mappings.of(bigger, FileSource.of(channel))).isEmpty();
        }
    }

    private Optional<ByteBuffer> mapped(MappedFiles mappings, String name, long size, long inode) throws IOException {
        Path file = dir.resolve(name);
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(size);
        }
        FileVersion version = new FileVersion(1, inode, size, FileTime.fromMillis(0), FileTime.fromMillis(0));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return mappings.of(version, FileSource.of(channel));
        }
    }
}
