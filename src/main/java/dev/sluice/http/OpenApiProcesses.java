package dev.sluice.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.config.InputSpec;
import dev.sluice.config.OutputSpec;
import dev.sluice.config.SluiceConfig;
import dev.sluice.config.TaskConfig;
import java.util.Locale;
import java.util.Map;

/**
 * One execute path per configured task (`/processes/echo/execution`), whose request bodies hold that task's inputs
 * as the API accepts them, with a results schema (`echo.results`) for its outputs.
 */
final class OpenApiProcesses {

    private static final String SCHEMAS = "#/components/schemas/";

    private final ObjectMapper json;
    private final OpenApiInputSchemas inputs;

    OpenApiProcesses(ObjectMapper json, ProcessDescriptions descriptions) {
        this.json = json;
        this.inputs = new OpenApiInputSchemas(json, descriptions);
    }

    void addTo(ObjectNode paths, ObjectNode schemas, SluiceConfig config) {
        ArrayNode allResults = json.createArrayNode();
        config.tasks().forEach((name, task) -> {
            schemas.set(name + ".execute", inputs.jsonRequest(task));
            schemas.set(name + ".form", inputs.formRequest(task));
            schemas.set(name + ".results", results(task));
            allResults.addObject().put("$ref", SCHEMAS + name + ".results");
            paths.putObject("/processes/" + name + "/execution").set("post", execute(name, task));
        });
        if (!allResults.isEmpty()) {
            ObjectNode results = (ObjectNode) schemas.get("Results");
            results.set("anyOf", allResults);
        }
    }

    private ObjectNode execute(String name, TaskConfig task) {
        ObjectNode op = json.createObjectNode();
        op.putArray("tags").add("Processes");
        op.put("operationId", "execute_" + name.replace('-', '_'));
        op.put("summary", "submits a job of " + (task.title() == null ? name : task.title()));
        StringBuilder about = new StringBuilder();
        if (task.description() != null) {
            about.append(task.description()).append("\n\n");
        }
        if (task.syncIfAny().isPresent()) {
            about.append("Without Prefer: respond-async the request waits up to ").append(
                    dev.sluice.config.Durations.format(task.syncIfAny().get().maxWait())).append(" for the job and answers"
                    + " its results (200, schema ").append(name).append(".results); a job still running then is answered"
                    + " as below. ");
        }
        about.append("The job runs asynchronously: poll the status document at Location, or follow its events; once it is"
                + " successful, its results (schema ").append(name).append(".results) are at /jobs/{jobId}/results.");
        if (task.inputs().values().stream().anyMatch(spec -> spec.type().isUpload())) {
            about.append(" File inputs are uploaded in a multipart/form-data request (or sent base64-encoded in JSON).");
        }
        op.put("description", about.toString());
        ObjectNode body = op.putObject("requestBody");
        body.put("required", task.inputs().values().stream().anyMatch(InputSpec::mustBeSent));
        ObjectNode content = body.putObject("content");
        if (task.inputs().values().stream().noneMatch(spec -> spec.type().isUpload() && spec.mustBeSent())) {
            content.putObject("application/json").putObject("schema").put("$ref", SCHEMAS + name + ".execute");
        }
        ObjectNode form = content.putObject("multipart/form-data");
        form.putObject("schema").put("$ref", SCHEMAS + name + ".form");
        ObjectNode encoding = inputs.uploadEncoding(task);
        if (!encoding.isEmpty()) {
            form.set("encoding", encoding);
        }
        op.putArray("parameters").addObject().put("$ref", "#/components/parameters/Prefer");
        ObjectNode responses = op.putObject("responses");
        task.syncIfAny().ifPresent(sync -> {
            ObjectNode ok = responses.putObject("200");
            ok.put("description", "synchronous execution: the job's results; when one output is requested (the request's"
                    + " outputs names one, or the task has only one) without \"response\": \"document\", that output's value itself,"
                    + " in its own media type");
            ok.putObject("headers").putObject("Link").put("description", "<the job's status>; rel=\"monitor\"")
                    .putObject("schema").put("type", "string");
            ObjectNode answers = ok.putObject("content");
            if (task.outputs().size() != 1) {
                answers.putObject("application/json").putObject("schema").put("$ref", SCHEMAS + name + ".results");
            }
            task.outputs().values().stream().map(spec -> ContentTypes.of(spec.file())).distinct()
                    .filter(type -> !answers.has(type))
                    .forEach(type -> answers.putObject(type).putObject("schema").put("type", "string").put("format", "binary"));
            responses.putObject("500").put("$ref", "#/components/responses/SyncFailed");
        });
        responses.putObject("201").put("$ref", "#/components/responses/JobAccepted");
        for (String status : new String[] {"400", "404", "413", "415", "503", "507", "default"}) {
            responses.putObject(status).put("$ref", "#/components/responses/Problem");
        }
        return op;
    }

    /** The results document of a successful job of this task: typed outputs inline, files as links. */
    private ObjectNode results(TaskConfig task) {
        ObjectNode schema = json.createObjectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        for (Map.Entry<String, OutputSpec> output : task.outputs().entrySet()) {
            OutputSpec spec = output.getValue();
            ObjectNode property = spec.inlineType().map(type -> inlined(type, spec))
                    .orElseGet(() -> fileOutput(spec));
            property.put("description", (spec.title() == null ? output.getKey() : spec.title())
                    + (spec.optional() ? " (only when the job wrote " + spec.file() + ")" : ""));
            properties.set(output.getKey(), property);
        }
        // why: a typed output larger than the server inlines, or unreadable as its type, is linked like a file instead
        schema.put("additionalProperties", false);
        return schema;
    }

    private ObjectNode inlined(OutputSpec.OutputType type, OutputSpec spec) {
        ObjectNode inline = json.createObjectNode();
        if (type != OutputSpec.OutputType.JSON) {
            inline.put("type", type.name().toLowerCase(Locale.ROOT));
        }
        ObjectNode either = json.createObjectNode();
        either.putArray("anyOf").add(inline).add(fileOutput(spec));
        return either;
    }

    private ObjectNode fileOutput(OutputSpec spec) {
        ObjectNode link = json.createObjectNode();
        link.putArray("allOf").addObject().put("$ref", SCHEMAS + "FileOutput");
        link.put("x-sluice-content-type", ContentTypes.of(spec.file()));
        return link;
    }
}
