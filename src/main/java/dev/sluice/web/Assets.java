package dev.sluice.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** The pages' one script and one style sheet, read from the jar once and served with an ETag. */
final class Assets {

    private record Asset(byte[] bytes, String type, String etag) {
    }

    private static final Map<String, String> TYPES = Map.of(
            "sluice.js", "text/javascript; charset=utf-8",
            "sluice.css", "text/css; charset=utf-8");

    private final Map<String, Asset> assets;

    Assets() {
        Map<String, Asset> loaded = new java.util.HashMap<>();
        TYPES.forEach((name, type) -> {
            byte[] bytes = read("/web/" + name);
            loaded.put(name, new Asset(bytes, type, "\"" + sha256(bytes).substring(0, 16) + "\""));
        });
        this.assets = Map.copyOf(loaded);
    }

    /** Answers with the asset; false when there is none of that name. */
    boolean serve(Context ctx, String name) {
        Asset asset = assets.get(name);
        if (asset == null) {
            return false;
        }
        // why: no version in the URL, so the browser asks again each time and gets 304 while nothing changed
        ctx.header("Cache-Control", "no-cache").header("ETag", asset.etag()).header("X-Content-Type-Options", "nosniff");
        if (asset.etag().equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
        } else {
            ctx.contentType(asset.type()).result(asset.bytes());
        }
        return true;
    }

    private static byte[] read(String resource) {
        try (InputStream in = Assets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
