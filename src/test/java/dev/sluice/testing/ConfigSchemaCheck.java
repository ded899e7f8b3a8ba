package dev.sluice.testing;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.sluice.config.ConfigSchema;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks YAML against the published schema of sluice.yaml with an independent validator (networknt, reading the YAML
 * with its own parser), as an editor would. A fragment is checked with `required` lifted: it shows only the keys its
 * section is about.
 */
public final class ConfigSchemaCheck {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    private static final JsonNode PUBLISHED = JsonMapper.builder().build().readTree(ConfigSchema.json());
    private static final Schema WHOLE = REGISTRY.getSchema(PUBLISHED);
    private static final Schema FRAGMENT = REGISTRY.getSchema(withoutRequired(PUBLISHED.deepCopy()));

    private ConfigSchemaCheck() {
    }

    /** What the schema finds wrong with a whole config; empty when it passes. */
    public static List<String> problems(String yaml) {
        return WHOLE.validate(yaml, InputFormat.YAML).stream().map(Object::toString).toList();
    }

    /** What the schema finds wrong with a fragment placed at the top level of sluice.yaml. */
    public static List<String> fragmentProblems(String yaml) {
        return FRAGMENT.validate(yaml, InputFormat.YAML).stream().map(Object::toString).toList();
    }

    /** The published schema as a tree, for tests that look inside it. */
    public static JsonNode published() {
        return PUBLISHED;
    }

    private static boolean allRequiredOnly(JsonNode branches) {
        for (JsonNode branch : branches) {
            if (branch.size() != 1 || !branch.has("required")) {
                return false;
            }
        }
        return true;
    }

    // why: "required" is also an input's key; only the keyword (a list of names) is lifted
    private static JsonNode withoutRequired(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.path("required").isArray()) {
                object.remove("required");
            }
            // why: a choice between required keys ("every" or "cron") means nothing once they are not required
            if (object.path("oneOf").isArray() && allRequiredOnly(object.get("oneOf"))) {
                object.remove("oneOf");
            }
            // why: under "not", a list of required keys forbids them (a task's retention has no max-disk); it stays
            object.properties().stream().filter(e -> !e.getKey().equals("not"))
                    .forEach(e -> withoutRequired(e.getValue()));
        } else if (node.isArray()) {
            node.forEach(ConfigSchemaCheck::withoutRequired);
        }
        return node;
    }
}
