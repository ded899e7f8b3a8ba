package dev.sluice.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** A file answer carried by Jetty's core request and response, with no servlet or Javalin layer in between. */
final class CoreExchange implements StaticExchange {

    /**
     * Thrown by {@link #body} on a thread that must not wait (the one that read the request): an answer in pieces
     * waits for the client to take each, so it is started again on a thread of its own. Nothing has been sent.
     */
    static final class NeedsThread extends RuntimeException {
        private static final NeedsThread INSTANCE = new NeedsThread();

        private NeedsThread() {
            super("an answer in pieces needs a thread that may wait", null, false, false);
        }
    }

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final String rawPath;
    private final boolean mayNotWait;
    private final MappedFiles mappings;
    private OutputStream body;
    private boolean completing;

    CoreExchange(Request request, Response response, Callback callback, String rawPath, boolean mayNotWait,
                 MappedFiles mappings) {
        this.mappings = mappings;
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.rawPath = rawPath;
        this.mayNotWait = mayNotWait;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String header(String name) {
        return request.getHeaders().get(name);
    }

    @Override
    public String rawPath() {
        return rawPath;
    }

    @Override
    public String query() {
        return request.getHttpURI().getQuery();
    }

    int status() {
        return response.getStatus();
    }

    @Override
    public void status(int status) {
        response.setStatus(status);
    }

    @Override
    public void header(String name, String value) {
        if (value == null) {
            response.getHeaders().remove(name);
        } else {
            response.getHeaders().put(name, value);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        response.getHeaders().add(name, value);
    }

    @Override
    public OutputStream body() {
        if (mayNotWait) {
            throw NeedsThread.INSTANCE;
        }
        if (body == null) {
            body = Content.Sink.asOutputStream(response);
        }
        return body;
    }

    @Override
    public void sendWhole(byte[] bytes, int length) {
        // why: one write that is also the last lets Jetty send head and body together and end the exchange itself
        completing = true;
        response.write(true, ByteBuffer.wrap(bytes, 0, length), callback);
    }

    @Override
    public void sendSmall(FileSource file, long first, int length) throws IOException {
        // why: read straight into a pooled buffer outside the heap, the file is not copied twice on its way to the
        // socket and leaves no array behind for the garbage collector
        RetainableByteBuffer pooled = request.getComponents().getByteBufferPool().acquire(length, true);
        try {
            ByteBuffer buffer = pooled.getByteBuffer();
            buffer.clear().limit(length);
            file.readFully(buffer, first);
            buffer.flip();
            completing = true;
            response.write(true, buffer, Callback.from(pooled::release, callback));
        } catch (IOException | RuntimeException failed) {
            if (!completing) {
                pooled.release();
            }
            throw failed;
        }
    }

    @Override
    public void sendPart(StaticFolder.OpenFile file, long first, long length) throws IOException {
        var mapped = mappings.of(file.version(), file.source());
        if (mapped.isEmpty()) {
            sendPart(file.source().channel(), first, length);
            return;
        }
        // why: one write from the mapping; Jetty writes what the socket takes and the rest when it can take more,
        // without a thread waiting, so this is fine on the thread that read the request too
        completing = true;
        response.write(true, mapped.get().slice((int) first, (int) length), callback);
    }

    /** Ends the exchange unless {@link #sendWhole} already does. */
    void complete() {
        if (completing) {
            return;
        }
        completing = true;
        if (body != null) {
            try {
                body.close();
            } catch (IOException | RuntimeException failed) {
                callback.failed(failed);
                return;
            }
        }
        callback.succeeded();
    }

    Callback callback() {
        return callback;
    }

    boolean completing() {
        return completing;
    }

    boolean committed() {
        return response.isCommitted();
    }
}
