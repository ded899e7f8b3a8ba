package dev.sluice.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.config.InputSpec;
import dev.sluice.config.InputType;
import dev.sluice.config.MediaType;
import dev.sluice.config.OutputSpec;
import dev.sluice.config.TaskConfig;
import java.util.Map;

/**
 * A task's inputs as OpenAPI 3.0 request bodies: an execute request in JSON (values only; files cannot travel
 * there) and a multipart form (values as fields, files as parts). Each input's schema is the one its process
 * description publishes, written in the words OpenAPI 3.0 knows and exact where JSON Schema reads differently.
 */
final class OpenApiInputSchemas {

    private final ObjectMapper json;
    private final ProcessDescriptions descriptions;

    OpenApiInputSchemas(ObjectMapper json, ProcessDescriptions descriptions) {
        this.json = json;
        this.descriptions = descriptions;
    }

    /** `{"inputs": {...}, "outputs": {...}, "response": "document"}`, as the OGC execute request has it. */
    ObjectNode jsonRequest(TaskConfig task) {
        ObjectNode schema = object();
        ObjectNode inputs = object().put("additionalProperties", false);
        ObjectNode properties = inputs.putObject("properties");
        ArrayNode required = json.createArrayNode();
        task.inputs().forEach((name, spec) -> {
            if (!spec.type().isUpload()) {
                properties.set(name, value(name, spec));
                if (spec.mustBeSent()) {
                    required.add(name);
                }
            }
        });
        if (!required.isEmpty()) {
            inputs.set("required", required);
            schema.putArray("required").add("inputs");
        }
        ObjectNode members = schema.putObject("properties");
        members.set("inputs", inputs);
        members.set("outputs", outputs(task));
        members.putObject("response").put("type", "string").putArray("enum").add("document");
        members.putObject("subscriber").put("$ref", "#/components/schemas/Subscriber");
        return schema;
    }

    /** A multipart form: one field per value input, one file part per file or image input. */
    ObjectNode formRequest(TaskConfig task) {
        ObjectNode schema = object();
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = json.createArrayNode();
        task.inputs().forEach((name, spec) -> {
            properties.set(name, value(name, spec));
            if (spec.mustBeSent()) {
                required.add(name);
            }
        });
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    /** The content types each file part may have, when its input names them. */
    ObjectNode uploadEncoding(TaskConfig task) {
        ObjectNode encoding = json.createObjectNode();
        task.inputs().forEach((name, spec) -> {
            if (spec.type().isUpload() && !spec.acceptedTypes().isEmpty()) {
                encoding.putObject(name).put("contentType", String.join(", ",
                        spec.acceptedTypes().stream().map(MediaType::mediaTypeName).toList()));
            } else if (spec.type() == InputType.IMAGE) {
                encoding.putObject(name).put("contentType", "image/*");
            }
        });
        return encoding;
    }

    private ObjectNode value(String name, InputSpec spec) {
        ObjectNode schema = descriptions.schema(spec);
        // why: OpenAPI 3.0 has no contentMediaType; a file part's types are in the form's encoding instead
        schema.remove("contentMediaType");
        if (spec.type() == InputType.STRING) {
            schema.put("maxLength", spec.maxLengthOrDefault());
            if (spec.pattern() != null) {
                // why: the server matches the whole value, where a JSON Schema pattern may match any part of it
                schema.put("pattern", "^(?:" + spec.pattern() + ")$");
            }
        }
        schema.put("title", spec.title() == null ? name : spec.title());
        if (spec.description() != null) {
            schema.put("description", spec.description());
        }
        return schema;
    }

    private ObjectNode outputs(TaskConfig task) {
        ObjectNode outputs = object().put("additionalProperties", false);
        ObjectNode properties = outputs.putObject("properties");
        for (Map.Entry<String, OutputSpec> output : task.outputs().entrySet()) {
            ObjectNode mode = properties.putObject(output.getKey()).put("type", "object").putObject("properties")
                    .putObject("transmissionMode").put("type", "string");
            mode.putArray("enum").add(output.getValue().inlineType().isPresent() ? "value" : "reference");
        }
        return outputs;
    }

    private ObjectNode object() {
        return json.createObjectNode().put("type", "object");
    }
}
