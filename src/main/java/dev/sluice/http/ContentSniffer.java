package dev.sluice.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sluice.config.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Tells what a stored upload is from its bytes alone: its name and the client's Content-Type are never asked. */
final class ContentSniffer {

    private static final JsonFactory JSON = new JsonFactory();
    private static final int HEAD = 32;

    /** Whether the content is one of the accepted types; if not, what it was found to be, for the message. */
    sealed interface Verdict {
        record Accepted(MediaType type) implements Verdict {
        }

        record Refused(String found) implements Verdict {
        }
    }

    private ContentSniffer() {
    }

    static Verdict check(Path file, List<MediaType> accepted) throws IOException {
        Optional<MediaType> signed = bySignature(head(file));
        if (signed.isPresent()) {
            return accepted.contains(signed.get()) ? new Verdict.Accepted(signed.get()) : new Verdict.Refused(is(signed.get()));
        }
        Optional<String> notText = textProblem(file);
        if (notText.isPresent()) {
            return new Verdict.Refused("is not of any type this server recognises (" + notText.get() + ")");
        }
        String found = Files.size(file) == 0 ? "is empty" : "is text";
        for (MediaType type : accepted) {
            if (type == MediaType.JSON) {
                Optional<String> notJson = jsonProblem(file);
                if (notJson.isEmpty()) {
                    return new Verdict.Accepted(type);
                }
                found = "is text but not JSON: " + notJson.get();
            } else if (type.isText()) {
                return new Verdict.Accepted(type);
            }
        }
        return new Verdict.Refused(found);
    }

    /** What the file is, for a message: "is a PDF document (application/pdf)", "is text", "is empty". */
    static String describe(Path file) throws IOException {
        Optional<MediaType> signed = bySignature(head(file));
        if (signed.isPresent()) {
            return is(signed.get());
        }
        if (Files.size(file) == 0) {
            return "is empty";
        }
        return textProblem(file).isEmpty() ? "is text" : "is of no type this server recognises";
    }

    private static String is(MediaType type) {
        return "is " + type.description() + " (" + type + ")";
    }

    /** The type whose signature (magic bytes) the file starts with, if any. */
    static Optional<MediaType> bySignature(byte[] head) {
        if (startsWith(head, 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n')) {
            return Optional.of(MediaType.PNG);
        }
        if (startsWith(head, 0xff, 0xd8, 0xff)) {
            return Optional.of(MediaType.JPEG);
        }
        if (startsWith(head, 'G', 'I', 'F', '8', '7', 'a') || startsWith(head, 'G', 'I', 'F', '8', '9', 'a')) {
            return Optional.of(MediaType.GIF);
        }
        if (isBmp(head)) {
            return Optional.of(MediaType.BMP);
        }
        if (startsWith(head, 'I', 'I', '*', 0) || startsWith(head, 'M', 'M', 0, '*')) {
            return Optional.of(MediaType.TIFF);
        }
        if (startsWith(head, 'R', 'I', 'F', 'F') && head.length >= 12
                && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
            return Optional.of(MediaType.WEBP);
        }
        if (startsWith(head, '%', 'P', 'D', 'F', '-')) {
            return Optional.of(MediaType.PDF);
        }
        if (startsWith(head, 'P', 'K', 3, 4) || startsWith(head, 'P', 'K', 5, 6)) {
            return Optional.of(MediaType.ZIP);
        }
        if (startsWith(head, 0x1f, 0x8b, 8)) {
            return Optional.of(MediaType.GZIP);
        }
        return Optional.empty();
    }

    static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD);
        }
    }

    // why: "BM" alone starts too many texts (a CSV of BMW models); the size of the header that follows is one of a few
    private static boolean isBmp(byte[] head) {
        if (!startsWith(head, 'B', 'M') || head.length < 18) {
            return false;
        }
        int infoSize = (head[14] & 0xff) | (head[15] & 0xff) << 8 | (head[16] & 0xff) << 16 | (head[17] & 0xff) << 24;
        return List.of(12, 40, 52, 56, 64, 108, 124).contains(infoSize);
    }

    private static boolean startsWith(byte[] head, int... signature) {
        if (head.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((head[i] & 0xff) != signature[i]) {
                return false;
            }
        }
        return true;
    }

    /** Why the file is not UTF-8 text without NUL characters, if it is not; read in chunks, never whole. */
    static Optional<String> textProblem(Path file) throws IOException {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
        CharBuffer chars = CharBuffer.allocate(64 * 1024);
        long offset = 0;
        try (InputStream in = Files.newInputStream(file)) {
            boolean end = false;
            while (!end) {
                int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
                end = read < 0;
                if (read > 0) {
                    for (int i = bytes.position(); i < bytes.position() + read; i++) {
                        if (bytes.get(i) == 0) {
                            return Optional.of("a NUL byte at offset " + (offset + i));
                        }
                    }
                    bytes.position(bytes.position() + read);
                }
                bytes.flip();
                CoderResult result = utf8.decode(bytes, chars, end);
                if (result.isError()) {
                    return Optional.of("bytes that are not UTF-8 at offset " + (offset + bytes.position()));
                }
                chars.clear();
                offset += bytes.position();
                bytes.compact();
            }
        }
        return Optional.empty();
    }

    /** Why the file is not exactly one JSON value, if it is not; parsed as a stream, so a large file costs no memory. */
    static Optional<String> jsonProblem(Path file) throws IOException {
        try (JsonParser parser = JSON.createParser(Files.newInputStream(file))) {
            if (parser.nextToken() == null) {
                return Optional.of("it is empty");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                return Optional.of("more than one value at line " + parser.currentLocation().getLineNr());
            }
            return Optional.empty();
        } catch (JsonProcessingException malformed) {
            return Optional.of(firstLine(malformed.getOriginalMessage()) + " at line " + malformed.getLocation().getLineNr());
        }
    }

    private static String firstLine(String message) {
        String text = String.valueOf(message);
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
