package dev.sluice.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * One request for a file and its answer, whichever layer carries them: Jetty's core (the prefixed mounts, ahead of
 * the servlet layer) or Javalin (the mount at `/`, job files). The decisions about a file are made once, against this.
 */
interface StaticExchange {

    String method();

    /** A request header, null when absent. */
    String header(String name);

    /** The path as the client sent it (still percent-encoded), below `server.base-path`. */
    String rawPath();

    /** The query string, null when there is none. */
    String query();

    void status(int status);

    /** Sets a response header, replacing any earlier one; null removes it. */
    void header(String name, String value);

    /** Adds a response header beside any of the same name. */
    void addHeader(String name, String value);

    /** The body, for an answer written in pieces. */
    OutputStream body() throws IOException;

    /** Writes the whole body in one go; nothing may be written after it. */
    void sendWhole(byte[] bytes, int length) throws IOException;

    /** Writes {@code length} bytes of {@code file} from {@code first}, a small part read at once, as the whole body. */
    default void sendSmall(FileSource file, long first, int length) throws IOException {
        byte[] whole = new byte[length];
        sendWhole(whole, file.readFully(ByteBuffer.wrap(whole), first));
    }

    /** Writes {@code length} bytes of {@code channel} from {@code first} as the whole body. */
    default void sendPart(FileChannel channel, long first, long length) throws IOException {
        OutputStream out = body();
        // why: transferTo into a stream goes 8 KB at a time, each a blocking write; larger pieces halve the time a
        // megabyte takes
        byte[] piece = new byte[(int) Math.min(length, FileRanges.LARGEST_PIECE)];
        ByteBuffer buffer = ByteBuffer.wrap(piece);
        long position = first;
        long remaining = length;
        while (remaining > 0) {
            buffer.clear().limit((int) Math.min(piece.length, remaining));
            int read = channel.read(buffer, position);
            if (read <= 0) {
                break;
            }
            out.write(piece, 0, read);
            position += read;
            remaining -= read;
        }
        out.flush();
    }

    /** Writes {@code length} bytes of a mount's file from {@code first} as the whole body. */
    default void sendPart(StaticFolder.OpenFile file, long first, long length) throws IOException {
        sendPart(file.source().channel(), first, length);
    }

    default boolean head() {
        return method().equals("HEAD");
    }
}
