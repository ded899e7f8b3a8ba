package dev.sluice.http;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Where the bytes of a file being sent come from: a channel the JDK opened, or a descriptor opened below a mount. */
interface FileSource extends Closeable {

    /** Reads from {@code position} until {@code buffer} is full or the file ends early; the number of bytes read. */
    int readFully(ByteBuffer buffer, long position) throws IOException;

    /** The file as a channel, for an answer read in pieces, gzipped on the way or mapped. */
    FileChannel channel() throws IOException;

    static FileSource of(FileChannel channel) {
        return new ChannelSource(channel);
    }

    /** Reads {@code channel} from {@code first} until {@code buffer} is full or the file ends early; the number of bytes read. */
    static int readFully(FileChannel channel, ByteBuffer buffer, long first) throws IOException {
        int start = buffer.position();
        while (buffer.hasRemaining() && channel.read(buffer, first + buffer.position() - start) > 0) {
            // reads until the buffer is full or the file ends early
        }
        return buffer.position() - start;
    }

    /** A file the JDK opened. */
    record ChannelSource(FileChannel channel) implements FileSource {
        @Override
        public int readFully(ByteBuffer buffer, long position) throws IOException {
            return FileSource.readFully(channel, buffer, position);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
