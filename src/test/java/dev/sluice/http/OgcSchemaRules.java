package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of OGC API – Processes 1.0's schema.yaml (core/openapi/schemas on the 1.0.0-maintenance branch) for the
 * `schema` of an input or output, written out as checks: only its keywords (it closes the object with
 * `additionalProperties: false`), each with its type, and sub-schemas by the same rules. Returns what is wrong.
 */
final class OgcSchemaRules {

    private static final Set<String> STRINGS = Set.of("title", "pattern", "description", "format", "contentMediaType",
            "contentEncoding", "contentSchema");
    private static final Set<String> BOOLEANS = Set.of("exclusiveMaximum", "exclusiveMinimum", "uniqueItems", "nullable",
            "readOnly", "writeOnly", "deprecated");
    private static final Set<String> COUNTS = Set.of("maxLength", "minLength", "maxItems", "minItems", "maxProperties",
            "minProperties");
    private static final Set<String> NUMBERS = Set.of("multipleOf", "maximum", "minimum");
    private static final Set<String> SCHEMA_LISTS = Set.of("allOf", "oneOf", "anyOf");
    private static final Set<String> ANY = Set.of("default", "example", "enum", "required", "type", "not", "items",
            "properties", "additionalProperties");
    private static final Set<String> TYPES = Set.of("array", "boolean", "integer", "number", "object", "string");

    private OgcSchemaRules() {
    }

    static List<String> problems(JsonNode schema, String where) {
        List<String> problems = new ArrayList<>();
        check(schema, where, problems);
        return problems;
    }

    private static void check(JsonNode schema, String where, List<String> problems) {
        if (!schema.isObject()) {
            problems.add(where + " is not an object");
            return;
        }
        if (schema.has("$ref")) {
            if (schema.size() != 1 || !schema.get("$ref").isTextual()) {
                problems.add(where + " is a reference with other keys");
            }
            return;
        }
        for (Map.Entry<String, JsonNode> entry : schema.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            String at = where + "/" + key;
            if (STRINGS.contains(key) && !value.isTextual()
                    || BOOLEANS.contains(key) && !value.isBoolean()
                    || COUNTS.contains(key) && !(value.isIntegralNumber() && value.asLong() >= 0)
                    || NUMBERS.contains(key) && !value.isNumber()) {
                problems.add(at + " has the wrong type: " + value);
            } else if (key.equals("multipleOf") && value.decimalValue().signum() <= 0) {
                problems.add(at + " is not above 0");
            } else if (key.equals("type") && !(value.isTextual() && TYPES.contains(value.asText()))) {
                problems.add(at + " is not one of " + TYPES);
            } else if (key.equals("enum") && !(value.isArray() && !value.isEmpty())) {
                problems.add(at + " is not a list of at least one value");
            } else if (key.equals("required") && !(value.isArray() && !value.isEmpty())) {
                problems.add(at + " is not a list of names");
            } else if (SCHEMA_LISTS.contains(key)) {
                if (!value.isArray()) {
                    problems.add(at + " is not a list of schemas");
                } else {
                    for (int i = 0; i < value.size(); i++) {
                        check(value.get(i), at + "/" + i, problems);
                    }
                }
            } else if (key.equals("not") || key.equals("items")) {
                check(value, at, problems);
            } else if (key.equals("properties")) {
                value.properties().forEach(p -> check(p.getValue(), at + "/" + p.getKey(), problems));
            } else if (key.equals("additionalProperties") && !value.isBoolean()) {
                check(value, at, problems);
            } else if (!STRINGS.contains(key) && !BOOLEANS.contains(key) && !COUNTS.contains(key) && !NUMBERS.contains(key)
                    && !ANY.contains(key)) {
                problems.add(at + " is not a keyword of schema.yaml");
            }
        }
    }
}
