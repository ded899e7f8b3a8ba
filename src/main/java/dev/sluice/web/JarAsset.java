package dev.sluice.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A file the pages use, read from the jar once, with an ETag made from its bytes. */
record JarAsset(byte[] bytes, String type, String etag) {

    /** The resource {@code resource} of the jar; a start-up failure when a build left it out. */
    static JarAsset read(String resource, String type) {
        try (InputStream in = JarAsset.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the jar");
            }
            byte[] bytes = in.readAllBytes();
            return new JarAsset(bytes, type, "\"" + sha256(bytes).substring(0, 16) + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers with the file, or 304 when the client has it. */
    void send(Context ctx) {
        // why: no version in the URL, so the browser asks again each time and gets 304 while nothing changed
        ctx.header("Cache-Control", "no-cache").header("ETag", etag).header("X-Content-Type-Options", "nosniff");
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
        } else {
            ctx.contentType(type).result(bytes);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
