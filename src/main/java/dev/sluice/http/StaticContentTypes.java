package dev.sluice.http;

import java.util.Map;

/** The content type of a static file, from its extension, and whether it is text worth compressing on the way out. */
final class StaticContentTypes {

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("map", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("md", "text/markdown; charset=utf-8"),
            Map.entry("avif", "image/avif"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("wasm", "application/wasm"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("ttf", "font/ttf"),
            Map.entry("otf", "font/otf"),
            Map.entry("pbf", "application/x-protobuf"),
            Map.entry("mvt", "application/vnd.mapbox-vector-tile"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("webm", "video/webm"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("ogg", "audio/ogg"),
            Map.entry("wav", "audio/wav"));

    private StaticContentTypes() {
    }

    static String of(String fileName) {
        String type = BY_EXTENSION.get(ContentTypes.extension(fileName));
        return type != null ? type : ContentTypes.of(fileName);
    }

    static boolean compressible(String type) {
        return type.startsWith("text/") || type.startsWith("application/json") || type.startsWith("application/manifest+json")
                || type.startsWith("application/xml") || type.startsWith("image/svg+xml");
    }
}
