package dev.sluice.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** A file answer carried by Jetty's core request and response, with no servlet or Javalin layer in between. */
final class CoreExchange implements StaticExchange {

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final String rawPath;
    private OutputStream body;
    private boolean completing;

    CoreExchange(Request request, Response response, Callback callback, String rawPath) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.rawPath = rawPath;
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

    boolean completing() {
        return completing;
    }

    boolean committed() {
        return response.isCommitted();
    }
}
