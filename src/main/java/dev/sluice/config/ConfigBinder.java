package dev.sluice.config;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Binds the parsed file to {@link SluiceConfig} and collects every unknown key and unreadable value, not only the
 * first: the binder stops at one, so each is noted, taken out of the tree, and the binding tried again.
 */
final class ConfigBinder {

    static final String CONFIG_FOLDER = "config-folder";
    // why: every round binds the whole file again; past this many problems a person fixes some first anyway
    static final int MAX_ROUNDS = 200;

    /** What binding found: the config when what was left could be bound, the problems, and the keys taken out. */
    record Outcome(Optional<SluiceConfig> config, List<ConfigValidator.Problem> problems, Set<String> removed) {
    }

    private final ObjectMapper yaml;

    ConfigBinder(ObjectMapper yaml) {
        this.yaml = yaml;
    }

    Outcome bind(ObjectNode root) {
        List<ConfigValidator.Problem> problems = new ArrayList<>();
        Set<String> removed = new LinkedHashSet<>();
        // why: the config's folder is where the file lies, never what it says; Jackson skips the key silently
        if (root.has(CONFIG_FOLDER)) {
            problems.add(new ConfigValidator.Problem("/" + CONFIG_FOLDER, unknownKey(CONFIG_FOLDER, topLevelKeys())));
            root.remove(CONFIG_FOLDER);
            removed.add("/" + CONFIG_FOLDER);
        }
        for (int round = 0; round < MAX_ROUNDS; round++) {
            try {
                return new Outcome(Optional.of(yaml.treeToValue(root, SluiceConfig.class)), problems, removed);
            } catch (JsonMappingException wrong) {
                String pointer = pointerOf(wrong);
                if (wrong instanceof ValueInstantiationException && wrong.getCause() instanceof NullPointerException) {
                    pointer = emptyItemUnder(root.at(pointer), pointer).orElse(pointer);
                }
                problems.add(new ConfigValidator.Problem(pointer, reasonOf(wrong, root.at(pointer))));
                Optional<String> taken = takeOut(root, pointer, wrong instanceof UnrecognizedPropertyException);
                if (taken.isEmpty()) {
                    break;
                }
                removed.add(taken.get());
            } catch (JsonProcessingException other) {
                problems.add(new ConfigValidator.Problem("", String.valueOf(other.getOriginalMessage())));
                break;
            }
        }
        if (problems.size() >= MAX_ROUNDS) {
            problems.add(new ConfigValidator.Problem("", "stopped after " + MAX_ROUNDS + " unknown keys and unreadable values;"
                    + " fix these and check again for the rest"));
        }
        return new Outcome(Optional.empty(), problems, removed);
    }

    /**
     * Takes the faulty node out so binding can go on: an unknown key is removed; a bad value becomes empty (its
     * default), and is removed if empty does not do either; a bad item takes its whole list with it. Returns the
     * pointer of what was taken out, or empty when nothing can be (the root itself is wrong).
     */
    private static Optional<String> takeOut(ObjectNode root, String pointer, boolean unknownKey) {
        JsonPointer at = JsonPointer.compile(pointer);
        while (!at.matches() && root.at(at.head()) instanceof ArrayNode) {
            at = at.head();
        }
        if (at.matches() || !(root.at(at.head()) instanceof ObjectNode parent)) {
            return Optional.empty();
        }
        String key = at.last().getMatchingProperty();
        if (!parent.has(key)) {
            return Optional.empty();
        }
        if (unknownKey || parent.get(key).isNull()) {
            parent.remove(key);
        } else {
            parent.set(key, NullNode.getInstance());
        }
        return Optional.of(at.toString());
    }

    // why: the binder blames the record that holds the list; the line of the empty item itself is the one to fix
    private static Optional<String> emptyItemUnder(JsonNode node, String at) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (node.get(i).isNull()) {
                    return Optional.of(at + "/" + i);
                }
            }
        }
        if (node.isContainerNode()) {
            for (var field : node.properties()) {
                Optional<String> found = emptyItemUnder(field.getValue(), at + "/" + field.getKey().replace("~", "~0").replace("/", "~1"));
                if (found.isPresent()) {
                    return found;
                }
            }
            for (int i = 0; node.isArray() && i < node.size(); i++) {
                Optional<String> found = emptyItemUnder(node.get(i), at + "/" + i);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    static String unknownKey(String key, List<String> known) {
        String message = "unknown key; expected one of: " + String.join(", ", known);
        return Suggestions.nearest(key, known).map(near -> message + "; did you mean '" + near + "'?").orElse(message);
    }

    static List<String> topLevelKeys() {
        return java.util.Arrays.stream(SluiceConfig.class.getRecordComponents())
                .filter(c -> !c.getAccessor().isAnnotationPresent(com.fasterxml.jackson.annotation.JsonIgnore.class))
                .map(EnvOverrides::yamlName).sorted().toList();
    }

    private static String reasonOf(JsonMappingException e, JsonNode value) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            // why: the binder counts the ignored config-folder as known, but the file may not name it
            List<String> known = unknown.getKnownPropertyIds().stream().map(Object::toString)
                    .filter(k -> !k.equals(CONFIG_FOLDER)).sorted().toList();
            return unknownKey(unknown.getPropertyName(), known);
        }
        if (e instanceof ValueInstantiationException impossible) {
            Throwable cause = impossible.getCause() == null ? impossible : impossible.getCause();
            // why: a list with an empty item ([a, ~] or [a, , b]) fails in List.copyOf without a message of its own
            return cause instanceof NullPointerException ? "this list holds an empty item (~, or nothing between two commas); remove it or give it a value"
                    : String.valueOf(cause.getMessage());
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null) {
            Class<?> target = f.getTargetType();
            if (target == DataSize.class || target == java.time.Duration.class || target == SandboxConfig.class) {
                return wrongShape(value).map(shape -> shape + "; write " + describeType(target))
                        .orElse(String.valueOf(f.getOriginalMessage()));
            }
            return "'" + f.getValue() + "' is not " + describeType(target);
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            String expected = describeType(m.getTargetType());
            if (value.isNull()) {
                return "is empty; write " + expected;
            }
            return wrongShape(value).map(shape -> shape + "; write " + expected)
                    .orElseGet(() -> value.isValueNode() && !value.isMissingNode()
                            ? "'" + value.asText() + "' is not " + expected : "wrong type of value: expected " + expected);
        }
        return String.valueOf(e.getOriginalMessage());
    }

    // why: the binder's own words for a list or mapping in a scalar's place name its token types
    private static Optional<String> wrongShape(JsonNode value) {
        if (value.isArray()) {
            return Optional.of("a list is not allowed here");
        }
        if (value.isObject()) {
            return Optional.of("a mapping is not allowed here");
        }
        return Optional.empty();
    }

    private static String describeType(Class<?> type) {
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list such as [a, b]";
        }
        if (type == DataSize.class) {
            return "a size such as 512KB, 110MB or 1.5GB";
        }
        if (type == java.time.Duration.class) {
            return "a duration such as 30s, 10m, 2h or 7d";
        }
        if (type == SandboxConfig.class) {
            return "true, false or a mapping such as { bind: [/ref/data], network: false }";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping of keys to values";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of: " + java.util.Arrays.stream(type.getEnumConstants())
                    .map(c -> c.toString().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining(", "));
        }
        return "text";
    }

    private static String pointerOf(JsonMappingException e) {
        List<String> segments = new ArrayList<>();
        for (JsonMappingException.Reference ref : e.getPath()) {
            segments.add(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
        }
        return ConfigLocations.pointer(segments);
    }
}
