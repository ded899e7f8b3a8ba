package dev.sluice.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies `SLUICE_...` environment variables to the parsed file before it is bound, so that
 * `SLUICE_TASKS_ANALYZE_LIMITS_TIMEOUT=20m` overrides `tasks.analyze.limits.timeout`.
 * Underscores stand for both nesting and dashes; the config's own shape decides which.
 */
final class EnvOverrides {

    static final String PREFIX = "SLUICE_";
    // why: these belong to the command line, the launcher script and jobs' own environment, not to the config file
    private static final java.util.Set<String> NOT_CONFIG = java.util.Set.of(
            "SLUICE_URL", "SLUICE_LOG_LEVEL", "SLUICE_JOB_ID", "SLUICE_RUN_ID", "SLUICE_JOB_DIR", "SLUICE_OUT", "SLUICE_LAUNCHER",
            "SLUICE_JAVA_OPTS");

    private final ObjectMapper yaml;
    private final ConfigLocations locations;

    EnvOverrides(ObjectMapper yaml, ConfigLocations locations) {
        this.yaml = yaml;
        this.locations = locations;
    }

    /** Applies every matching variable and returns the names of those that name no config key. */
    List<String> apply(ObjectNode root, Map<String, String> env) {
        List<String> unmatched = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            if (!e.getKey().startsWith(PREFIX) || e.getKey().length() == PREFIX.length() || NOT_CONFIG.contains(e.getKey())) {
                continue;
            }
            List<String> words = List.of(e.getKey().substring(PREFIX.length()).split("_"));
            if (!place(SluiceConfig.class, root, words, 0, new ArrayList<>(), e)) {
                unmatched.add(e.getKey());
            }
        }
        return unmatched;
    }

    private boolean place(Type type, ObjectNode node, List<String> words, int from, List<String> path,
                          Map.Entry<String, String> variable) {
        for (Candidate c : candidates(type, node, words, from)) {
            List<String> childPath = new ArrayList<>(path);
            childPath.add(c.key());
            if (c.end() == words.size()) {
                node.set(c.key(), valueFor(c.type(), variable.getValue()));
                locations.markOverridden(ConfigLocations.pointer(childPath), variable.getKey());
                return true;
            }
            if (!isContainer(c.type())) {
                continue;
            }
            JsonNode existing = node.get(c.key());
            ObjectNode child = existing instanceof ObjectNode o ? o : yaml.createObjectNode();
            if (place(c.type(), child, words, c.end(), childPath, variable)) {
                node.set(c.key(), child);
                return true;
            }
        }
        return false;
    }

    private record Candidate(String key, Type type, int end) {
    }

    private static List<Candidate> candidates(Type type, ObjectNode node, List<String> words, int from) {
        List<Candidate> found = new ArrayList<>();
        if (type instanceof Class<?> c && c.isRecord()) {
            for (RecordComponent rc : c.getRecordComponents()) {
                if (rc.getAccessor().isAnnotationPresent(com.fasterxml.jackson.annotation.JsonIgnore.class)
                        || rc.isAnnotationPresent(com.fasterxml.jackson.annotation.JsonIgnore.class)) {
                    continue;
                }
                addIfMatches(found, yamlName(rc), rc.getGenericType(), words, from);
            }
        } else if (isStringMap(type)) {
            Type valueType = ((ParameterizedType) type).getActualTypeArguments()[1];
            node.fieldNames().forEachRemaining(key -> addIfMatches(found, key, valueType, words, from));
            if (valueType == QueueConfig.class && !node.has(SluiceConfig.DEFAULT_QUEUE)) {
                // why: the default queue exists even when the file does not declare it
                addIfMatches(found, SluiceConfig.DEFAULT_QUEUE, valueType, words, from);
            }
            if (valueType == String.class) {
                // why: a task's env map may gain a new variable, whose name keeps its own case
                found.add(new Candidate(String.join("_", words.subList(from, words.size())), valueType, words.size()));
            }
        }
        found.sort(Comparator.comparingInt(Candidate::end).reversed());
        return found;
    }

    private static void addIfMatches(List<Candidate> found, String key, Type type, List<String> words, int from) {
        String wanted = key.toUpperCase(Locale.ROOT).replace('-', '_');
        StringBuilder joined = new StringBuilder();
        for (int end = from; end < words.size(); end++) {
            joined.append(end == from ? "" : "_").append(words.get(end));
            if (joined.toString().equals(wanted)) {
                found.add(new Candidate(key, type, end + 1));
                return;
            }
        }
    }

    private JsonNode valueFor(Type type, String raw) {
        if (isContainer(type) || type instanceof ParameterizedType) {
            try {
                return yaml.readTree(raw);
            } catch (java.io.IOException notYaml) {
                return TextNode.valueOf(raw);
            }
        }
        return TextNode.valueOf(raw);
    }

    private static boolean isContainer(Type type) {
        return (type instanceof Class<?> c && c.isRecord()) || isStringMap(type);
    }

    private static boolean isStringMap(Type type) {
        return type instanceof ParameterizedType p && p.getRawType() == Map.class;
    }

    static String yamlName(RecordComponent rc) {
        JsonProperty explicit = rc.getAccessor().getAnnotation(JsonProperty.class);
        if (explicit != null && !explicit.value().isEmpty()) {
            return explicit.value();
        }
        return rc.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
