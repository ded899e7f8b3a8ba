package dev.sluice.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Remembers on which line of the file each key sits, so a problem found after parsing can still name its line. */
final class ConfigLocations {

    private final String source;
    private final Map<String, Integer> lineByPointer;
    private final Map<String, String> overriddenBy = new HashMap<>();

    private ConfigLocations(String source, Map<String, Integer> lineByPointer) {
        this.source = source;
        this.lineByPointer = lineByPointer;
    }

    static ConfigLocations index(String source, String yaml) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
                    lines.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(),
                            parser.currentTokenLocation().getLineNr());
                }
            }
        } catch (JsonEOFException truncated) {
            // the binder reports the syntax problem with its own line; the lines read so far still help
        }
        return new ConfigLocations(source, lines);
    }

    void markOverridden(String pointer, String variable) {
        overriddenBy.put(pointer, variable);
    }

    /** `sluice.yaml:12: tasks.echo.limits.timeout: message`, or the environment variable that set the key. */
    String describe(String pointer, String message) {
        String key = dottedKey(pointer);
        String prefix = key.isEmpty() ? "" : key + ": ";
        for (String p = pointer; ; p = parent(p)) {
            if (overriddenBy.containsKey(p)) {
                return "environment variable " + overriddenBy.get(p) + ": " + prefix + message;
            }
            Integer line = lineByPointer.get(p);
            if (line != null) {
                return source + ":" + line + ": " + prefix + message;
            }
            if (p.isEmpty()) {
                return source + ": " + prefix + message;
            }
        }
    }

    /** The line of the key at the pointer or of its nearest parent in the file; 0 when set by the environment or unknown. */
    int lineOf(String pointer) {
        for (String p = pointer; ; p = parent(p)) {
            if (overriddenBy.containsKey(p)) {
                return 0;
            }
            Integer line = lineByPointer.get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return 0;
            }
        }
    }

    static String pointer(List<String> segments) {
        StringBuilder sb = new StringBuilder();
        for (String segment : segments) {
            sb.append('/').append(segment.replace("~", "~0").replace("/", "~1"));
        }
        return sb.toString();
    }

    static String dottedKey(String pointer) {
        if (pointer.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (String raw : pointer.substring(1).split("/", -1)) {
            String segment = raw.replace("~1", "/").replace("~0", "~");
            if (segment.chars().allMatch(Character::isDigit) && !segment.isEmpty() && !sb.isEmpty()) {
                sb.append('[').append(segment).append(']');
            } else {
                sb.append(sb.isEmpty() ? "" : ".").append(segment);
            }
        }
        return sb.toString();
    }

    private static String parent(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return slash <= 0 ? "" : pointer.substring(0, slash);
    }
}
