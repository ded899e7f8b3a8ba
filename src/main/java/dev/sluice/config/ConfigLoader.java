package dev.sluice.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads `sluice.yaml` into a validated {@link SluiceConfig}, or explains with file, line and key why it cannot. */
public final class ConfigLoader {

    private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);

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
            throw new ConfigException(YamlSyntax.describe(sourceName, text, syntax));
        } catch (IOException unreadable) {
            throw new ConfigException(sourceName + ": cannot be read: " + unreadable.getMessage());
        }
        if (!(tree instanceof ObjectNode root)) {
            throw new ConfigException(sourceName + ":1: the file must be a mapping with keys such as server, storage, tasks");
        }
        List<String> unmatched = new EnvOverrides(yaml, locations).apply(root, env);
        unmatched.forEach(name -> log.warn("event=env-ignored variable={} reason=\"names no config key\"", name));
        resolvePaths(root, baseDir);
        ConfigBinder.Outcome bound = new ConfigBinder(yaml).bind(root);
        List<ConfigValidator.Problem> found = new ArrayList<>(bound.problems());
        // why: a key already reported as unreadable was taken out; what the validator then says of it is an echo
        bound.config().ifPresent(config -> new ConfigValidator(config, baseDir).problems().stream()
                .filter(p -> bound.removed().stream().noneMatch(r -> p.pointer().equals(r) || p.pointer().startsWith(r + "/")))
                .forEach(found::add));
        if (!found.isEmpty()) {
            throw new ConfigException(found.stream().sorted(byLine(locations))
                    .map(p -> locations.describe(p.pointer(), p.message())).distinct().toList());
        }
        return bound.config().orElseThrow().withConfigFile(baseDir.resolve(sourceName));
    }

    // why: a person fixes a file from top to bottom; problems of one line keep the order they were found in
    private static java.util.Comparator<ConfigValidator.Problem> byLine(ConfigLocations locations) {
        return java.util.Comparator.comparingInt(p -> locations.lineOf(p.pointer()));
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
        if (root.get("storage") instanceof ObjectNode storage) {
            resolvePath(storage, "password-file", baseDir);
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
