package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sluice.SluiceException;
import dev.sluice.config.DataSize;
import dev.sluice.config.InputRules;
import dev.sluice.config.InputSpec;
import dev.sluice.config.TaskConfig;
import dev.sluice.store.JobId;
import dev.sluice.store.NewJob;
import dev.sluice.worker.FolderTree;
import dev.sluice.worker.JobFolder;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a submission, as an OGC execute request in JSON or as a multipart form with files, into a job whose
 * inputs have all passed their checks. Uploaded files go straight to the job's `in/` folder; if anything is
 * wrong the folder is removed again, so a refused request leaves nothing behind.
 */
final class SubmissionReader {

    private final ObjectMapper json;
    private final Path dataDir;
    private final DataSize maxUpload;
    private final Uploads uploads;
    private final java.util.Optional<dev.sluice.callback.CallbackTargets> callbacks;
    private final java.util.Optional<String> uploader;

    /**
     * {@code callbacks} checks a request's subscriber URLs; empty when callbacks are not offered. {@code uploader}, for
     * a node sharing data-dir, is written into each new job folder ({@link JobFolder#uploader}).
     */
    SubmissionReader(ObjectMapper json, Path dataDir, DataSize maxUpload, Uploads uploads,
                     java.util.Optional<dev.sluice.callback.CallbackTargets> callbacks, java.util.Optional<String> uploader) {
        this.callbacks = callbacks;
        this.uploader = uploader;
        this.json = json;
        this.dataDir = dataDir;
        this.maxUpload = maxUpload;
        this.uploads = uploads;
    }

    NewJob read(Context ctx, String taskName, TaskConfig task) {
        JobId id = JobId.random();
        JobFolder folder = JobFolder.of(dataDir, id);
        try {
            if (uploader.isPresent()) {
                folder.createMarked(uploader.get());
            }
            java.util.Optional<dev.sluice.store.Subscriber> subscriber = java.util.Optional.empty();
            Map<String, String> inputs;
            if (ctx.isMultipartFormData()) {
                inputs = new MultipartInputs(task, folder, maxUpload, uploads).read(ctx);
            } else {
                ObjectNode request = requestOf(ctx);
                subscriber = ExecuteOptions.check(request, task, callbacks)
                        .map(urls -> urls.withOrigin(AbsoluteHrefs.origin(ctx)));
                inputs = fromJson(request, task, folder);
                ctx.attribute(SyncExecution.REQUESTED_OUTPUTS, ExecuteOptions.requested(request, task));
                ctx.attribute(SyncExecution.DOCUMENT_ASKED, "document".equals(request.path("response").asText(null)));
            }
            return new NewJob(id, taskName, task.queue(), complete(task, inputs), task.retries()).subscribed(subscriber);
        } catch (RuntimeException refused) {
            delete(folder);
            throw refused;
        }
    }

    /** Removes what {@link #read} stored for a job that was then refused. */
    void discard(NewJob job) {
        delete(JobFolder.of(dataDir, job.id()));
    }

    private void delete(JobFolder folder) {
        if (uploader.isPresent()) {
            folder.deleteMarked(uploader.get());
        } else {
            FolderTree.deleteQuietly(folder.root());
        }
    }

    private ObjectNode requestOf(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType();
        if (!type.isEmpty() && !type.startsWith("application/json")) {
            throw new SluiceException(415, "unsupported-media-type", "Unsupported media type",
                    "send the inputs as application/json ({\"inputs\": {...}}) or as multipart/form-data");
        }
        byte[] bytes;
        try {
            bytes = ctx.bodyAsBytes();
        } catch (io.javalin.http.HttpResponseException tooLarge) {
            throw tooLarge;
        } catch (Exception unreadable) {
            // why: the container's IOException is checked in Java but thrown unchecked through Javalin's Kotlin
            throw SlowBodyGuard.explain(unreadable).orElseGet(() -> Problems.badRequest("the request body could not be read"));
        }
        JsonNode body = bytes.length == 0 ? json.createObjectNode() : RequestJson.parse(bytes);
        if (!(body instanceof ObjectNode request)) {
            throw Problems.badRequest("the request body must be a JSON object such as {\"inputs\": {\"name\": \"value\"}}");
        }
        return request;
    }

    private Map<String, String> fromJson(ObjectNode request, TaskConfig task, JobFolder folder) {
        JsonNode given = request.path("inputs");
        if (given.isMissingNode() || given.isNull()) {
            given = json.createObjectNode();
        }
        if (!given.isObject()) {
            throw Problems.badRequest("'inputs' must be an object mapping input names to values");
        }
        Map<String, String> inputs = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : given.properties()) {
            String name = entry.getKey();
            InputSpec spec = known(task, name);
            if (spec.type().isUpload()) {
                inputs.put(name, uploads.store(name, spec, InlineFiles.decode(name, entry.getValue()), folder));
                continue;
            }
            JsonNode value = unwrap(name, entry.getValue());
            String checked = check(name, spec, value);
            ofItsJsonType(name, spec, value);
            inputs.put(name, checked);
        }
        return inputs;
    }

    /**
     * /req/ogc-process-description/input-def C: a JSON value is checked by the schema the description publishes, whose
     * `type` a string "4" does not meet for an integer; only a form's fields, which are all text, may spell numbers so.
     */
    private static void ofItsJsonType(String name, InputSpec spec, JsonNode value) {
        String wanted = switch (spec.type()) {
            case NUMBER, INTEGER -> value.isNumber() ? null : "a JSON number";
            case BOOLEAN -> value.isBoolean() ? null : "a JSON boolean (true or false)";
            default -> null;
        };
        if (wanted != null) {
            throw Problems.badInput(name, "must be " + wanted + ", not the string " + abbreviate(value.toString())
                    + " (a JSON request sends values of the type the process description's schema names)");
        }
    }

    static JsonNode unwrap(String name, JsonNode value) {
        if (value.isObject() && value.has("href")) {
            throw Problems.badInput(name, "is a reference (href); this server does not fetch URLs, send the file itself");
        }
        if (value.isObject() && value.has("value")) {
            return value.get("value");
        }
        if (value.isArray()) {
            throw Problems.badInput(name, "must be a single value, not a list");
        }
        return value;
    }

    static InputSpec known(TaskConfig task, String name) {
        InputSpec spec = task.inputs().get(name);
        if (spec == null) {
            String expected = task.inputs().isEmpty() ? "this task takes no inputs" : "this task takes: " + String.join(", ", task.inputs().keySet());
            throw new SluiceException(400, "unknown-input", "Unknown input", "there is no input '" + abbreviate(name) + "'; " + expected,
                    Map.of("input", abbreviate(name)));
        }
        return spec;
    }

    static String check(String name, InputSpec spec, JsonNode value) {
        try {
            return InputRules.canonical(name, spec, value);
        } catch (InputRules.InvalidValue invalid) {
            throw Problems.badInput(name, invalid.getMessage());
        }
    }

    /** Adds defaults and refuses the request when a required input is missing. */
    private static Map<String, String> complete(TaskConfig task, Map<String, String> given) {
        Map<String, String> all = new HashMap<>(given);
        task.inputs().forEach((name, spec) -> {
            if (all.containsKey(name)) {
                return;
            }
            if (spec.defaultValue() != null) {
                all.put(name, check(name, spec, spec.defaultValue()));
            } else if (spec.mustBeSent()) {
                throw Problems.badInput(name, spec.type().isUpload()
                        ? "is required: upload a file in a multipart/form-data request, or send it base64-encoded" : "is required");
            }
        });
        return all;
    }

    static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }

    /** The inputs of a multipart form: text fields are checked like JSON strings, files are streamed to `in/`. */
    private record MultipartInputs(TaskConfig task, JobFolder folder, DataSize maxUpload, Uploads uploads) {

        Map<String, String> read(Context ctx) {
            Map<String, List<String>> fields;
            Map<String, List<UploadedFile>> files;
            try {
                files = ctx.uploadedFileMap();
                fields = FormFields.of(ctx.req().getParts());
            } catch (SluiceException refused) {
                throw refused;
            } catch (Exception unreadable) {
                // why: Jetty's ServletException is checked in Java but thrown unchecked through Javalin's Kotlin
                throw Uploads.explain(unreadable, maxUpload);
            }
            Map<String, String> inputs = new LinkedHashMap<>();
            fields.forEach((name, values) -> {
                if (files.containsKey(name)) {
                    return;
                }
                InputSpec spec = known(task, name);
                if (values.size() != 1) {
                    throw Problems.badInput(name, "was sent " + values.size() + " times; send it once");
                }
                if (spec.type().isUpload()) {
                    throw Problems.badInput(name, "must be uploaded as a file, not sent as a text field");
                }
                inputs.put(name, check(name, spec, TextNode.valueOf(values.get(0))));
            });
            files.forEach((name, parts) -> {
                InputSpec spec = known(task, name);
                List<UploadedFile> sent = parts.stream().filter(u -> u.size() > 0 || !u.filename().isEmpty()).toList();
                if (sent.isEmpty()) {
                    return;
                }
                if (sent.size() != 1) {
                    throw Problems.badInput(name, "was sent " + sent.size() + " times; send one file");
                }
                if (!spec.type().isUpload()) {
                    throw Problems.badInput(name, "must be a value, not a file");
                }
                inputs.put(name, uploads.store(name, spec, sent.get(0), folder));
            });
            return inputs;
        }
    }
}
