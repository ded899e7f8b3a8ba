package dev.sluice.worker;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What sets one node's workers apart on a machine and in data-dir: the marker in their environment (which finds them
 * again after the node died) and the folders of its own, its warm workers' log and their windows onto job folders.
 * A node alone keeps them where it always has; nodes sharing data-dir each get a folder named by their marker.
 */
public record NodePlace(String marker, Path exchange, Path workerLogs) {

    /** The place of the only node of a data folder. */
    public static NodePlace alone(Path dataDir) {
        return new NodePlace(digest(dataDir.toAbsolutePath().normalize().toString()), dataDir.resolve("exchange"),
                dataDir.resolve("workers"));
    }

    /** The place of the node named {@code name} among several sharing {@code dataDir}. */
    public static NodePlace shared(Path dataDir, String name) {
        return ofMarker(dataDir, digest(dataDir.toAbsolutePath().normalize() + "\n" + name));
    }

    /** The place of a node of the shared {@code dataDir} known by its marker (one found dead, say). */
    public static NodePlace ofMarker(Path dataDir, String marker) {
        Path own = dataDir.resolve("nodes").resolve(marker);
        return new NodePlace(marker, own.resolve("exchange"), own.resolve("workers"));
    }

    private static String digest(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
