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
 * The OpenAPI 3.0 description of this server: the routes every configuration has (a resource in the jar), the
 * servers entry under `server.base-path`, and one execute path per configured task, built from the same task
 * declarations the process descriptions and the submission checks read. Written once, as JSON and as YAML.
 */
final class OpenApiDocument {

    private static final String FIXED_PART = "/openapi/sluice-api.yaml";

    private final ObjectNode document;

    OpenApiDocument(SluiceConfig config, ObjectMapper json, Hrefs hrefs) {
        this.document = fixedPart();
        String version = OpenApiDocument.class.getPackage().getImplementationVersion();
        if (version != null) {
            ((ObjectNode) document.path("info")).put("version", version);
        }
        ArrayNode servers = document.putArray("servers");
        // why: relative to where the document was fetched from, so it holds behind a proxy that adds a prefix too
        servers.addObject().put("url", hrefs.basePath().isEmpty() ? "/" : hrefs.basePath())
                .put("description", "this server");
        statesOfJobs();
        new OpenApiProcesses(json, new ProcessDescriptions(json, hrefs))
                .addTo((ObjectNode) document.get("paths"), (ObjectNode) document.path("components").path("schemas"), config);
    }

    /** The document as a tree, for the tests and for the two forms below. */
    ObjectNode tree() {
        return document.deepCopy();
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

    private static ObjectNode fixedPart() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(FIXED_PART)) {
            if (in == null) {
                throw new IllegalStateException(FIXED_PART + " is missing from the jar");
            }
            return (ObjectNode) new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
