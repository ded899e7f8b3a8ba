package dev.sluice.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads `sluice.yaml` into a validated {@link SluiceConfig}, or explains with file, line and key why it cannot. */
public final class ConfigLoader {

    private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);
    private static final String CONFIG_FOLDER = "config-folder";

    private final ObjectMapper yaml = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // why: `retries: 1.5` must be refused, not quietly read as 1
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // why: a key written twice would otherwise lose the first value without a word
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .addModule(ConfigValues.module())
            .build();

    public SluiceConfig load(Path file, Map<String, String> env) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException missing) {
            throw new ConfigException(file + ": no such file; pass --config or create sluice.yaml");
        } catch (IOException unreadable) {
            throw new ConfigException(file + ": cannot be read: " + unreadable.getMessage());
        }
        Path baseDir = file.toAbsolutePath().getParent();
        return parse(text, file.getFileName().toString(), baseDir, env);
    }

    /** Parses config text; relative paths in it are taken from {@code baseDir}. */
    public SluiceConfig parse(String text, String sourceName, Path baseDir, Map<String, String> env) throws ConfigException {
        ConfigLocations locations;
        JsonNode tree;
        try {
            locations = ConfigLocations.index(sourceName, text);
            tree = text.isBlank() ? yaml.createObjectNode() : yaml.readTree(text);
        } catch (JsonProcessingException syntax) {
            String message = String.valueOf(syntax.getOriginalMessage());
            int firstLineEnd = message.indexOf('\n');
            throw new ConfigException(sourceName + ":" + syntax.getLocation().getLineNr() + ": not valid YAML: "
                    + (firstLineEnd < 0 ? message : message.substring(0, firstLineEnd)).strip());
        } catch (IOException unreadable) {
            throw new ConfigException(sourceName + ": cannot be read: " + unreadable.getMessage());
        }
        if (!(tree instanceof ObjectNode root)) {
            throw new ConfigException(sourceName + ":1: the file must be a mapping with keys such as server, storage, tasks");
        }
        List<String> unmatched = new EnvOverrides(yaml, locations).apply(root, env);
        unmatched.forEach(name -> log.warn("event=env-ignored variable={} reason=\"names no config key\"", name));
        resolvePaths(root, baseDir);
        SluiceConfig config = bind(root, locations);
        List<String> problems = new ConfigValidator(config, baseDir).problems().stream()
                .map(p -> locations.describe(p.pointer(), p.message()))
                .toList();
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config.withConfigFile(baseDir.resolve(sourceName));
    }

    private SluiceConfig bind(ObjectNode root, ConfigLocations locations) throws ConfigException {
        // why: the config's folder is where the file lies, never what it says; Jackson skips the key silently
        if (root.has(CONFIG_FOLDER)) {
            throw new ConfigException(locations.describe("/" + CONFIG_FOLDER, "unknown key; expected one of: "
                    + String.join(", ", topLevelKeys())));
        }
        try {
            return yaml.treeToValue(root, SluiceConfig.class);
        } catch (UnrecognizedPropertyException unknown) {
            // why: the binder counts the ignored config-folder as known, but the file may not name it
            String known = unknown.getKnownPropertyIds().stream().map(Object::toString).filter(k -> !k.equals(CONFIG_FOLDER))
                    .sorted().collect(Collectors.joining(", "));
            throw new ConfigException(locations.describe(pointerOf(unknown),
                    "unknown key; expected one of: " + known));
        } catch (InvalidFormatException badValue) {
            throw new ConfigException(locations.describe(pointerOf(badValue), reasonOf(badValue)));
        } catch (ValueInstantiationException impossible) {
            Throwable cause = impossible.getCause() == null ? impossible : impossible.getCause();
            // why: a list with an empty item ([a, ~] or [a, , b]) fails in List.copyOf without a message of its own
            String reason = cause instanceof NullPointerException ? "a list here holds an empty item; remove it or give it a value"
                    : String.valueOf(cause.getMessage());
            throw new ConfigException(locations.describe(pointerOf(impossible), reason));
        } catch (JsonMappingException wrongShape) {
            throw new ConfigException(locations.describe(pointerOf(wrongShape), reasonOf(wrongShape)));
        } catch (JsonProcessingException other) {
            throw new ConfigException(locations.describe("", other.getOriginalMessage()));
        }
    }

    private static List<String> topLevelKeys() {
        return java.util.Arrays.stream(SluiceConfig.class.getRecordComponents())
                .filter(c -> !c.getAccessor().isAnnotationPresent(com.fasterxml.jackson.annotation.JsonIgnore.class))
                .map(EnvOverrides::yamlName).sorted().toList();
    }

    private static String reasonOf(JsonMappingException e) {
        if (e instanceof InvalidFormatException f && f.getTargetType() != null) {
            Class<?> target = f.getTargetType();
            if (target.isEnum()) {
                String allowed = java.util.Arrays.stream(target.getEnumConstants())
                        .map(c -> c.toString().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining(", "));
                return "'" + f.getValue() + "' is not one of: " + allowed;
            }
            if (target == DataSize.class || target == java.time.Duration.class || target == SandboxConfig.class) {
                return f.getOriginalMessage();
            }
            return "'" + f.getValue() + "' is not " + describeType(target);
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m && m.getTargetType() != null) {
            String message = String.valueOf(m.getOriginalMessage());
            java.util.regex.Matcher value = java.util.regex.Pattern.compile("value \\(([^)]*)\\)").matcher(message);
            return (value.find() ? "'" + value.group(1) + "' is not " : "wrong type of value: expected ") + describeType(m.getTargetType());
        }
        return e.getOriginalMessage();
    }

    private static String describeType(Class<?> type) {
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list such as [a, b]";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping of keys to values";
        }
        if (type == Integer.class || type == int.class || type == Long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
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

    // why: paths in the file are relative to the file, not to wherever the server happened to be started
    private static void resolvePaths(ObjectNode root, Path baseDir) {
        if (root.get("storage") == null || root.get("storage").isNull()) {
            root.putObject("storage");
        }
        if (root.get("storage") instanceof ObjectNode storage && storage.get("data-dir") == null) {
            storage.put("data-dir", StorageConfig.DEFAULT_DATA_DIR);
        }
        if (root.get("storage") instanceof ObjectNode storage && storage.get("data-dir") != null
                && storage.get("data-dir").isTextual() && ConfigValidator.isPath(storage.get("data-dir").asText())) {
            storage.put("data-dir", baseDir.resolve(storage.get("data-dir").asText()).normalize().toString());
        }
        if (root.get("log") instanceof ObjectNode log && log.get("file") != null && log.get("file").isTextual()
                && ConfigValidator.isPath(log.get("file").asText())) {
            log.put("file", baseDir.resolve(log.get("file").asText()).normalize().toString());
        }
        if (root.get("server") instanceof ObjectNode server && server.get("tls") instanceof ObjectNode tls) {
            resolvePath(tls, "cert", baseDir);
            resolvePath(tls, "key", baseDir);
            if (tls.get("acme") instanceof ObjectNode acme) {
                resolvePath(acme, "trust", baseDir);
            }
        }
        if (root.get("static") instanceof ObjectNode mounts) {
            mounts.properties().forEach(mount -> {
                if (mount.getValue().isTextual() && ConfigValidator.isPath(mount.getValue().asText())) {
                    mount.setValue(com.fasterxml.jackson.databind.node.TextNode.valueOf(
                            baseDir.resolve(mount.getValue().asText()).normalize().toString()));
                } else if (mount.getValue() instanceof ObjectNode m && m.get("dir") != null && m.get("dir").isTextual()
                        && ConfigValidator.isPath(m.get("dir").asText())) {
                    m.put("dir", baseDir.resolve(m.get("dir").asText()).normalize().toString());
                }
            });
        }
        if (root.get("tasks") instanceof ObjectNode tasks) {
            tasks.properties().forEach(task -> {
                if (task.getValue() instanceof ObjectNode t && t.get("workdir") != null && t.get("workdir").isTextual()
                        && ConfigValidator.isPath(t.get("workdir").asText())) {
                    t.put("workdir", baseDir.resolve(t.get("workdir").asText()).normalize().toString());
                }
            });
        }
    }

    private static void resolvePath(ObjectNode node, String key, Path baseDir) {
        if (node.get(key) != null && node.get(key).isTextual() && ConfigValidator.isPath(node.get(key).asText())) {
            node.put(key, baseDir.resolve(node.get(key).asText()).normalize().toString());
        }
    }
}
