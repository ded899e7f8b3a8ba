package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema and the parser know the same keys. The parser is asked, not the records: at every mapping the schema
 * describes, a config with an unknown key there is loaded, and the "expected one of" list the parser refuses it with
 * must be exactly the schema's keys at that place. So a key the binder gains by any means shows up here.
 */
class ConfigSchemaKeysTest {

    private static final Pattern KNOWN = Pattern.compile("unknown key; expected one of: ([^;]*)");
    private static final String UNKNOWN = "zz-not-a-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final ConfigSchema generator = new ConfigSchema(SchemaNotes.bundled());
    private final ObjectNode schema = generator.document();

    @Test
    void at_every_mapping_the_parser_refuses_unknown_keys_and_knows_exactly_the_schemas_keys() {
        List<Place> places = new ArrayList<>();
        collect(schema, List.of(), places);

        assertThat(places).as("mappings probed").hasSizeGreaterThan(20);
        for (Place place : places) {
            assertThat(place.schema().path("additionalProperties").asBoolean(true))
                    .as("the schema refuses unknown keys at /%s", String.join("/", place.path())).isFalse();
            assertThat(keysTheParserKnows(place.path()))
                    .as("keys the parser knows at /%s", String.join("/", place.path()))
                    .isEqualTo(keysOf(place.schema().get("properties")));
        }
    }

    @Test
    void every_key_has_a_description_and_every_note_names_a_key_that_exists() {
        List<Place> places = new ArrayList<>();
        collect(schema, List.of(), places);
        for (Place place : places) {
            place.schema().get("properties").properties().forEach(p -> assertThat(p.getValue().path("description").asText())
                    .as("description of /%s/%s in %s", String.join("/", place.path()), p.getKey(), SchemaNotes.RESOURCE)
                    .isNotBlank());
        }
        assertThat(SchemaNotes.bundled().noted()).as("entries of %s that name no config key", SchemaNotes.RESOURCE)
                .isSubsetOf(generator.keysWalked().stream().map(k -> k.endsWith(".") ? k + "." : k).toList());
    }

    @Test
    void the_config_folder_the_binder_ignores_is_refused_by_the_schema_as_by_the_parser() {
        assertThat(schema.get("properties").has("config-folder")).isFalse();
        assertThat(schema.get("additionalProperties").asBoolean(true)).isFalse();
        ConfigException refused = catchThrowableOfType(ConfigException.class,
                () -> load("{\"config-folder\": \"/etc\", \"tasks\": {\"a\": {\"command\": [\"true\"]}}}"));
        Matcher known = KNOWN.matcher(refused.getMessage());
        assertThat(refused.getMessage()).contains("config-folder: unknown key");
        assertThat(known.find()).isTrue();
        assertThat(new TreeSet<>(List.of(known.group(1).split(", ")))).isEqualTo(keysOf(schema.get("properties")));
    }

    /** One mapping of the schema with a fixed set of keys, and the path of keys that leads to it. */
    private record Place(List<String> path, JsonNode schema) {
    }

    private static void collect(JsonNode node, List<String> path, List<Place> places) {
        if (node.has("properties")) {
            places.add(new Place(path, node));
            node.get("properties").properties().forEach(p -> collect(p.getValue(), append(path, p.getKey()), places));
        }
        if (node.path("additionalProperties").isObject()) {
            // why: any name reaches the binder; names are checked only afterwards, by the validator
            collect(node.get("additionalProperties"), append(path, "a1"), places);
        }
    }

    private Set<String> keysTheParserKnows(List<String> path) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode here = root;
        for (String key : path) {
            here = here.putObject(key);
        }
        here.put(UNKNOWN, 1);
        ConfigException refused = catchThrowableOfType(ConfigException.class, () -> load(root.toString()));
        assertThat(refused).as("a config with an unknown key at /%s", String.join("/", path)).isNotNull();
        String problem = refused.problems().getFirst();
        assertThat(problem).as("the parser's refusal").contains(String.join(".", append(path, UNKNOWN)) + ": unknown key");
        Matcher known = KNOWN.matcher(problem);
        assertThat(known.find()).as(problem).isTrue();
        return new TreeSet<>(List.of(known.group(1).split(", ")));
    }

    private SluiceConfig load(String text) throws ConfigException {
        return new ConfigLoader().parse(text, "sluice.yaml", dir, Map.of());
    }

    private static List<String> append(List<String> path, String key) {
        List<String> longer = new ArrayList<>(path);
        longer.add(key);
        return longer;
    }

    private static Set<String> keysOf(JsonNode properties) {
        Set<String> keys = new TreeSet<>();
        properties.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
