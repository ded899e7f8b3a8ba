package dev.sluice.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.config.StaticConfig;

/**
 * The `static:` mounts in the description: GET and HEAD of their files under each prefix. Other methods there only
 * answer 405, which the description leaves out.
 */
final class OpenApiStaticMounts {

    private OpenApiStaticMounts() {
    }

    static void addTo(ObjectNode document, StaticConfig config, ObjectMapper json) {
        if (config.mounts().isEmpty()) {
            return;
        }
        ((com.fasterxml.jackson.databind.node.ArrayNode) document.get("tags")).addObject().put("name", "Static files")
                .put("description", "the folders mounted under static: in the config");
        ObjectNode paths = (ObjectNode) document.get("paths");
        for (String prefix : config.mounts().keySet()) {
            String id = prefix.equals("/") ? "root" : prefix.substring(1).replaceAll("[^A-Za-z0-9]", "_");
            if (!prefix.equals("/")) {
                paths.set(prefix, operations(json, "static_" + id, prefix, false));
            }
            paths.set((prefix.equals("/") ? "" : prefix) + "/{path}", operations(json, "static_" + id + "_file", prefix, true));
        }
    }

    private static ObjectNode operations(ObjectMapper json, String id, String prefix, boolean file) {
        ObjectNode item = json.createObjectNode();
        for (String method : new String[] {"get", "head"}) {
            ObjectNode op = item.putObject(method);
            op.putArray("tags").add("Static files");
            op.put("operationId", id + "_" + method);
            op.put("summary", (file ? "a file of the folder mounted at " : "the folder mounted at ") + prefix
                    + " (its index.html, or its fallback)");
            if (file) {
                ObjectNode path = op.putArray("parameters").addObject();
                path.put("name", "path").put("in", "path").put("required", true)
                        .put("description", "the file's path in the folder; it may hold '/'");
                path.putObject("schema").put("type", "string");
            }
            ObjectNode responses = op.putObject("responses");
            responses.putObject("200").put("$ref", "#/components/responses/File");
            responses.putObject("206").put("$ref", "#/components/responses/File");
            responses.putObject("304").put("description", "not modified since the ETag or date the request sent");
            responses.putObject("default").put("$ref", "#/components/responses/Problem");
        }
        return item;
    }
}
