package dev.sluice.http;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A file {@link KernelFolderFiles} opened: read by descriptor, closed once, by the one request that holds it. */
final class KernelFile implements FileSource {

    private final KernelCalls kernel;
    private final int fd;
    private FileChannel channel;
    private boolean closed;

    KernelFile(KernelCalls kernel, int fd) {
        this.kernel = kernel;
        this.fd = fd;
    }

    @Override
    public int readFully(ByteBuffer buffer, long position) throws IOException {
        if (closed) {
            throw new IOException("the file was closed");
        }
        if (!buffer.isDirect()) {
            return FileSource.readFully(channel(), buffer, position);
        }
        MemorySegment into = MemorySegment.ofBuffer(buffer);
        long done = 0;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(KernelCalls.ERRNO);
            while (done < into.byteSize()) {
                long read = kernel.pread(errno, fd, into.asSlice(done), position + done);
                if (read == -KernelCalls.EINTR) {
                    continue;
                }
                if (read < 0) {
                    throw new IOException("reading the file failed (errno " + -read + ")");
                }
                if (read == 0) {
                    break;
                }
                done += read;
            }
        }
        buffer.position(buffer.position() + (int) done);
        return (int) done;
    }

    /** The same open file as a channel, through its descriptor's entry in /proc, which names exactly that file. */
    @Override
    public FileChannel channel() throws IOException {
        if (closed) {
            throw new IOException("the file was closed");
        }
        if (channel == null) {
            channel = FileChannel.open(Path.of("/proc/self/fd/" + fd), StandardOpenOption.READ);
        }
        return channel;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (channel != null) {
                channel.close();
            }
        } finally {
            kernel.close(fd);
        }
    }
}
