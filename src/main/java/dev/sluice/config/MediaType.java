package dev.sluice.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The media types an input's `accept` may name: each is one the server can recognise from a file's content, so
 * that neither its name nor the client's Content-Type decides what it is.
 */
public enum MediaType {
    PNG("image/png", "png", "a PNG image"),
    JPEG("image/jpeg", "jpg", "a JPEG image"),
    GIF("image/gif", "gif", "a GIF image"),
    BMP("image/bmp", "bmp", "a BMP image"),
    TIFF("image/tiff", "tif", "a TIFF image"),
    WEBP("image/webp", "webp", "a WebP image"),
    PDF("application/pdf", "pdf", "a PDF document"),
    ZIP("application/zip", "zip", "a ZIP archive"),
    GZIP("application/gzip", "gz", "a gzip file"),
    JSON("application/json", "json", "a JSON document"),
    CSV("text/csv", "csv", "text"),
    TEXT("text/plain", "txt", "text");

    private final String name;
    private final String extension;
    private final String description;

    MediaType(String name, String extension, String description) {
        this.name = name;
        this.extension = extension;
        this.description = description;
    }

    public static Optional<MediaType> named(String name) {
        return Arrays.stream(values()).filter(t -> t.name.equalsIgnoreCase(name.strip())).findFirst();
    }

    public static String knownNames() {
        return String.join(", ", Arrays.stream(values()).map(MediaType::mediaTypeName).toList());
    }

    /** The image formats an `image` input decodes (ImageIO's own readers, no native libraries beyond the JDK). */
    public static List<MediaType> decodableImages() {
        return List.of(PNG, JPEG, GIF, BMP);
    }

    public String mediaTypeName() {
        return name;
    }

    /** The extension an upload of this type is stored with, so the job's own tools recognise it. */
    public String extension() {
        return extension;
    }

    /** What a file of this type is, for a person: "a PNG image". */
    public String description() {
        return description;
    }

    /** Text types are recognised as UTF-8 without NUL characters (JSON also by parsing) rather than by a signature. */
    public boolean isText() {
        return this == JSON || this == CSV || this == TEXT;
    }

    @Override
    public String toString() {
        return name;
    }
}
