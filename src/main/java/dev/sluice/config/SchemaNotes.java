package dev.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * What the schema says about each key in words: `config/schema-notes.yaml`, one section per config record, one entry
 * per key, either its description or a mapping of schema keywords. `.` holds the record's own keywords.
 */
final class SchemaNotes {

    static final String RESOURCE = "/config/schema-notes.yaml";
    private static final String SELF = ".";

    private final ObjectNode notes;

    SchemaNotes(ObjectNode notes) {
        this.notes = notes;
    }

    static SchemaNotes bundled() {
        try (InputStream in = SchemaNotes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return new SchemaNotes((ObjectNode) new YAMLMapper().readTree(in));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /** The section a record's keys are noted under: its simple name, the binder's helper records under what they read. */
    static String ownerName(Class<?> record) {
        if (record == SandboxDeserializer.Settings.class) {
            return "SandboxConfig";
        }
        if (record == StaticMountDeserializer.LongForm.class) {
            return "StaticMount";
        }
        return record.getSimpleName();
    }

    Optional<ObjectNode> forType(String owner) {
        return entry(owner, SELF);
    }

    Optional<ObjectNode> forKey(String owner, String key) {
        return entry(owner, key);
    }

    /** Every noted key as `Owner.key`, so a test can find notes that name no key any more. */
    java.util.List<String> noted() {
        java.util.List<String> all = new java.util.ArrayList<>();
        notes.properties().forEach(section -> section.getValue().fieldNames()
                .forEachRemaining(key -> all.add(section.getKey() + "." + key)));
        return all;
    }

    private Optional<ObjectNode> entry(String owner, String key) {
        JsonNode value = notes.path(owner).get(key);
        if (value == null) {
            return Optional.empty();
        }
        ObjectNode keywords = value.isTextual() ? notes.objectNode().put("description", value.textValue()) : ((ObjectNode) value).deepCopy();
        expandNamePatterns(keywords);
        return Optional.of(keywords);
    }

    // why: map keys follow the validator's own patterns, named here instead of copied, so they cannot differ
    private static void expandNamePatterns(ObjectNode keywords) {
        JsonNode names = keywords.get("propertyNames");
        if (names != null && names.isTextual()) {
            java.util.regex.Pattern pattern = switch (names.textValue()) {
                case "NAME" -> ConfigValidator.NAME;
                case "PREFIX" -> StaticChecks.PREFIX;
                default -> throw new IllegalStateException("unknown name pattern " + names.textValue());
            };
            keywords.putObject("propertyNames").put("pattern", "^(?:" + pattern.pattern() + ")$");
        }
    }
}
