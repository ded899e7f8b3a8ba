package dev.sluice.config;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema (draft-07) of `sluice.yaml`, made from the very records the config is bound to, so a key added to
 * a record is in the schema without anyone remembering it; the words (descriptions, a few bounds) come from
 * {@link SchemaNotes}.
 */
public final class ConfigSchema {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SchemaNotes notes;
    private final java.util.Set<String> keysWalked = new java.util.TreeSet<>();

    ConfigSchema(SchemaNotes notes) {
        this.notes = notes;
    }

    /** The schema as `sluice schema` prints it and docs/sluice.schema.json holds it: indented JSON, ending in a newline. */
    public static String json() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(new ConfigSchema(SchemaNotes.bundled()).document()) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Every `Owner.key` the last {@link #document()} walked (and `Owner.` for each record), as notes name them. */
    java.util.Set<String> keysWalked() {
        return java.util.Collections.unmodifiableSet(keysWalked);
    }

    ObjectNode document() {
        ObjectNode root = NODES.objectNode();
        root.put("$schema", "http://json-schema.org/draft-07/schema#");
        root.put("title", "sluice.yaml");
        root.setAll(recordSchema(SluiceConfig.class));
        return root;
    }

    private ObjectNode schemaOf(Type type, RecordComponent component) {
        if (type instanceof ParameterizedType p && p.getRawType() == Map.class) {
            ObjectNode map = NODES.objectNode().put("type", "object");
            map.set("additionalProperties", elementSchema(p.getActualTypeArguments()[1]));
            return map;
        }
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            ObjectNode list = NODES.objectNode();
            JsonFormat format = component == null ? null : component.getAccessor().getAnnotation(JsonFormat.class);
            boolean single = format != null && List.of(format.with()).contains(JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
            ObjectNode items = elementSchema(p.getActualTypeArguments()[0]);
            if (single && items.has("type")) {
                ArrayNode types = NODES.arrayNode().add("array");
                if (items.get("type").isArray()) {
                    items.get("type").forEach(types::add);
                } else {
                    types.add(items.get("type"));
                }
                list.set("type", types);
            } else {
                list.put("type", "array");
            }
            list.set("items", items);
            return list;
        }
        if (!(type instanceof Class<?> c)) {
            throw new IllegalStateException("no schema for " + type);
        }
        if (c == SandboxConfig.class) {
            return withTypes(recordSchema(SandboxDeserializer.Settings.class), "boolean", "object");
        }
        if (c == StaticConfig.class) {
            ObjectNode mounts = NODES.objectNode().put("type", "object");
            mounts.set("additionalProperties", schemaOf(StaticMount.class, null));
            return mounts;
        }
        if (c == StaticMount.class) {
            return withTypes(recordSchema(StaticMountDeserializer.LongForm.class), "string", "object");
        }
        if (c.isRecord() && c != DataSize.class) {
            return recordSchema(c);
        }
        return scalarSchema(c);
    }

    // why: `[sleep, 5]`, `[true]` and `env: { PYTHONUNBUFFERED: 1 }` are natural YAML, and the binder reads them as text
    private ObjectNode elementSchema(Type type) {
        if (type == String.class) {
            ObjectNode text = NODES.objectNode();
            text.set("type", NODES.arrayNode().add("string").add("number").add("boolean"));
            return text;
        }
        return schemaOf(type, null);
    }

    private static ObjectNode scalarSchema(Class<?> c) {
        ObjectNode scalar = NODES.objectNode();
        if (c == String.class) {
            return scalar.put("type", "string");
        }
        if (c == Integer.class || c == int.class || c == Long.class || c == long.class) {
            return scalar.put("type", "integer");
        }
        if (c == Boolean.class || c == boolean.class) {
            return scalar.put("type", "boolean");
        }
        if (c == BigDecimal.class) {
            return scalar.put("type", "number");
        }
        if (c == Duration.class) {
            return scalar.put("type", "string").put("pattern", ValueFormats.DURATION);
        }
        if (c == DataSize.class) {
            scalar.set("type", NODES.arrayNode().add("number").add("string"));
            return scalar.put("minimum", 0).put("pattern", ValueFormats.SIZE);
        }
        if (c == JsonNode.class) {
            // why: defaults and a schedule's fixed inputs are single values, checked by the input's own rules
            scalar.set("type", NODES.arrayNode().add("string").add("number").add("boolean"));
            return scalar;
        }
        if (c.isEnum()) {
            ArrayNode values = NODES.arrayNode();
            for (Object constant : c.getEnumConstants()) {
                values.add(yamlName(c, (Enum<?>) constant));
            }
            scalar.put("type", "string").set("enum", values);
            return scalar;
        }
        throw new IllegalStateException("no schema for " + c.getName());
    }

    private ObjectNode recordSchema(Class<?> record) {
        ObjectNode object = NODES.objectNode().put("type", "object");
        String owner = SchemaNotes.ownerName(record);
        keysWalked.add(owner + ".");
        notes.forType(owner).ifPresent(object::setAll);
        ObjectNode properties = object.putObject("properties");
        Map<String, Object> defaults = defaultsOf(record);
        for (RecordComponent component : record.getRecordComponents()) {
            if (component.getAccessor().isAnnotationPresent(JsonIgnore.class) || component.isAnnotationPresent(JsonIgnore.class)) {
                continue;
            }
            String key = EnvOverrides.yamlName(component);
            keysWalked.add(owner + "." + key);
            ObjectNode property = schemaOf(component.getGenericType(), component);
            Object fallback = defaults.get(component.getName());
            if (fallback != null) {
                property.set("default", defaultValue(fallback));
            }
            notes.forKey(owner, key).ifPresent(note -> merge(property, note));
            properties.set(key, descriptionFirst(property));
        }
        object.put("additionalProperties", false);
        return object;
    }

    // why: a note's description of the key wins over the entry type's own; its other words are added
    private static void merge(ObjectNode property, ObjectNode note) {
        note.properties().forEach(e -> property.set(e.getKey(), e.getValue()));
        if (note.has("default") && note.get("default").isNull()) {
            property.remove("default");
        }
    }

    // why: a person reading the published file sees what a key means before its mechanics
    private static ObjectNode descriptionFirst(ObjectNode property) {
        ObjectNode ordered = NODES.objectNode();
        if (property.has("description")) {
            ordered.set("description", property.get("description"));
        }
        ordered.setAll(property);
        return ordered;
    }

    private static ObjectNode withTypes(ObjectNode schema, String... types) {
        ArrayNode list = NODES.arrayNode();
        List.of(types).forEach(list::add);
        schema.set("type", list);
        return schema;
    }

    /** The values a record's compact constructor fills in when a key is left out: the defaults as the code has them. */
    private static Map<String, Object> defaultsOf(Class<?> record) {
        RecordComponent[] components = record.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] nulls = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            nulls[i] = types[i] == boolean.class ? Boolean.FALSE : types[i] == int.class ? (Object) 0 : types[i] == long.class ? (Object) 0L : null;
        }
        Map<String, Object> defaults = new java.util.HashMap<>();
        try {
            var constructor = record.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            Object empty = constructor.newInstance(nulls);
            for (RecordComponent component : components) {
                Object value = component.getAccessor().invoke(empty);
                if (isScalar(value)) {
                    defaults.put(component.getName(), value);
                }
            }
        } catch (ReflectiveOperationException unexpected) {
            throw new IllegalStateException("cannot read the defaults of " + record.getSimpleName(), unexpected);
        }
        return defaults;
    }

    private static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean || value instanceof Enum<?>
                || value instanceof Duration || value instanceof DataSize;
    }

    private static JsonNode defaultValue(Object value) {
        return switch (value) {
            case String s -> NODES.textNode(s);
            case Integer i -> NODES.numberNode(i);
            case Long l -> NODES.numberNode(l);
            case Boolean b -> NODES.booleanNode(b);
            case Duration d -> NODES.textNode(Durations.format(d));
            case DataSize size -> NODES.textNode(ValueFormats.size(size));
            case Enum<?> e -> NODES.textNode(yamlName(e.getDeclaringClass(), e));
            default -> NODES.textNode(String.valueOf(value));
        };
    }

    private static String yamlName(Class<?> enumType, Enum<?> constant) {
        try {
            JsonProperty named = enumType.getField(constant.name()).getAnnotation(JsonProperty.class);
            return named != null ? named.value() : constant.name().toLowerCase(java.util.Locale.ROOT);
        } catch (NoSuchFieldException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
