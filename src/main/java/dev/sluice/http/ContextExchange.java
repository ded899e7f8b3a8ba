package dev.sluice.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;

/** A file answer carried by Javalin: the mount at `/`, job files, and what the core handler leaves to Javalin. */
record ContextExchange(Context ctx) implements StaticExchange {

    @Override
    public String method() {
        return ctx.req().getMethod();
    }

    @Override
    public String header(String name) {
        return ctx.header(name);
    }

    @Override
    public String rawPath() {
        return ctx.req().getRequestURI();
    }

    @Override
    public String query() {
        return ctx.req().getQueryString();
    }

    @Override
    public void status(int status) {
        ctx.status(status);
    }

    @Override
    public void header(String name, String value) {
        ctx.res().setHeader(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        ctx.res().addHeader(name, value);
    }

    @Override
    public OutputStream body() throws IOException {
        return ctx.res().getOutputStream();
    }

    @Override
    public void sendWhole(byte[] bytes, int length) throws IOException {
        OutputStream out = ctx.res().getOutputStream();
        out.write(bytes, 0, length);
        out.flush();
    }
}
