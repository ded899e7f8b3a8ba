package dev.sluice.http;

import dev.sluice.SluiceException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The part of a request's path below a mount's prefix, as names of folders and a file, each decoded once.
 * why: the raw path is read and decoded here, by segment, so an encoded '/', '\', NUL or dot segment can only
 * ever be part of one name, and a name that could climb out of the folder or name a hidden file is refused.
 */
record StaticRequestPath(List<String> names, boolean endsWithSlash) {

    /** The names below {@code prefix} in the raw (still encoded) path; empty when the path is not under it. */
    static Optional<StaticRequestPath> below(String prefix, String rawPath) {
        String rest;
        if (prefix.equals("/")) {
            rest = rawPath.startsWith("/") ? rawPath.substring(1) : null;
        } else if (rawPath.equals(prefix)) {
            rest = "";
        } else {
            rest = rawPath.startsWith(prefix + "/") ? rawPath.substring(prefix.length() + 1) : null;
        }
        if (rest == null) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        String[] raw = rest.split("/", -1);
        for (int i = 0; i < raw.length; i++) {
            boolean last = i == raw.length - 1;
            if (raw[i].isEmpty() && last) {
                break;
            }
            names.add(checked(decode(raw[i])));
        }
        return Optional.of(new StaticRequestPath(List.copyOf(names), rawPath.endsWith("/")));
    }

    private static String checked(String name) {
        if (name.isEmpty() || name.startsWith(".")) {
            throw notServed();
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f) {
                throw notServed();
            }
        }
        return name;
    }

    private static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int high = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
            int low = high < 0 ? -1 : Character.digit(segment.charAt(i + 2), 16);
            if (low < 0) {
                throw malformed();
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException notUtf8) {
            throw malformed();
        }
    }

    static SluiceException notServed() {
        return Problems.notFound("no file is served at this path");
    }

    private static SluiceException malformed() {
        return Problems.badRequest("the path is not validly percent-encoded UTF-8");
    }
}
