package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sluice.config.SluiceConfig;
import dev.sluice.store.JobState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The OpenAPI 3.0 description of this server: the routes every configuration has (YAML resources in the jar under openapi/), the
 * servers entry under `server.base-path`, and one execute path per configured task, built from the same task
 * declarations the process descriptions and the submission checks read. Written once, as JSON and as YAML.
 */
final class OpenApiDocument {

    private static final String BASE = "/openapi/base.yaml";
    private static final String[] PATHS = {"/openapi/ogc-paths.yaml", "/openapi/sluice-paths.yaml"};

    private final ObjectNode document;

    OpenApiDocument(SluiceConfig config, ObjectMapper json, Hrefs hrefs) {
        ObjectNode base = resource(BASE);
        this.document = json.createObjectNode();
        document.set("openapi", base.get("openapi"));
        document.set("info", base.get("info"));
        String version = OpenApiDocument.class.getPackage().getImplementationVersion();
        if (version != null) {
            ((ObjectNode) document.get("info")).put("version", version);
        }
        // why: relative to where the document was fetched from, so it holds behind a proxy that adds a prefix too
        document.putArray("servers").addObject().put("url", hrefs.basePath().isEmpty() ? "/" : hrefs.basePath())
                .put("description", "this server");
        document.set("tags", base.get("tags"));
        ObjectNode paths = document.putObject("paths");
        for (String part : PATHS) {
            paths.setAll(resource(part));
        }
        OpenApiStaticMounts.addTo(document, config.staticFiles(), json);
        document.set("security", base.get("security"));
        document.set("components", base.get("components"));
        statesOfJobs();
        valuesOfParameters(config);
        new OpenApiProcesses(json, new ProcessDescriptions(json, hrefs))
                .addTo((ObjectNode) document.get("paths"), (ObjectNode) document.path("components").path("schemas"), config);
    }

    byte[] json(ObjectMapper json) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] yaml() {
        // why: Jackson quotes every string value, so 'on', 'off' and '200' are not read back as booleans or numbers
        YAMLMapper yaml = new YAMLMapper(YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build());
        try {
            return yaml.writeValueAsString(document).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The job states a client may filter by, from the states the store knows, so that the two cannot drift apart. */
    private void statesOfJobs() {
        for (JsonNode parameter : document.path("paths").path("/jobs").path("get").path("parameters")) {
            if ("status".equals(parameter.path("name").asText())) {
                ArrayNode states = ((ObjectNode) parameter.path("schema").path("items")).putArray("enum");
                for (JobState state : JobState.values()) {
                    states.add(state.wireName());
                }
            }
        }
        ArrayNode status = ((ObjectNode) document.at("/components/schemas/StatusInfo/properties/status")).putArray("enum");
        for (JobState state : JobState.values()) {
            status.add(state.wireName());
        }
    }

    /** The limits and task names the routes check, taken from where the routes take them. */
    private void valuesOfParameters(SluiceConfig config) {
        ObjectNode limit = (ObjectNode) document.at("/components/parameters/limit/schema");
        limit.put("maximum", JobListParameters.LIMIT_MAX).put("default", JobListParameters.LIMIT_DEFAULT);
        if (!config.tasks().isEmpty()) {
            ArrayNode names = ((ObjectNode) document.at("/components/parameters/processID/schema")).putArray("enum");
            config.tasks().keySet().forEach(names::add);
        }
    }

    private static ObjectNode resource(String name) {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            return (ObjectNode) new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
