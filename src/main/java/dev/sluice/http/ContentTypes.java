package dev.sluice.http;

import java.util.Locale;
import java.util.Map;

/** The content type of a result file, from its extension: jobs' outputs are served with a type, never sniffed. */
final class ContentTypes {

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("log", "text/plain; charset=utf-8"),
            Map.entry("csv", "text/csv; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("xml", "application/xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("tif", "image/tiff"),
            Map.entry("tiff", "image/tiff"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("zip", "application/zip"),
            Map.entry("gz", "application/gzip"));

    private ContentTypes() {
    }

    static String of(String fileName) {
        return BY_EXTENSION.getOrDefault(extension(fileName), "application/octet-stream");
    }

    /** The file name's extension in lower case, "" when it has none. */
    static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Types a browser would run script in; served only inside a sandbox. */
    static boolean isActive(String contentType) {
        return contentType.startsWith("text/html") || contentType.startsWith("image/svg") || contentType.startsWith("application/xml");
    }
}
