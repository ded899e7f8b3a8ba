package dev.sluice.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.config.InputSpec;
import dev.sluice.config.MediaType;
import dev.sluice.config.OutputSpec;
import dev.sluice.config.TaskConfig;
import java.util.List;
import java.util.Locale;

/** Describes tasks as OGC API – Processes process summaries and descriptions, input checks as JSON Schema. */
final class ProcessDescriptions {

    private final ObjectMapper json;
    private final Hrefs hrefs;

    ProcessDescriptions(ObjectMapper json, Hrefs hrefs) {
        this.json = json;
        this.hrefs = hrefs;
    }

    ObjectNode summary(String name, TaskConfig task) {
        ObjectNode doc = json.createObjectNode();
        doc.put("id", name);
        doc.put("title", task.title() == null ? name : task.title());
        if (task.description() != null) {
            doc.put("description", task.description());
        }
        doc.put("version", "1.0.0");
        ArrayNode control = doc.putArray("jobControlOptions");
        task.syncIfAny().ifPresent(sync -> control.add("sync-execute"));
        control.add("async-execute").add("dismiss");
        doc.putArray("outputTransmission").add("value").add("reference");
        ArrayNode links = doc.putArray("links");
        StatusDocuments.link(links, hrefs.to("/processes/" + name), "self", "application/json", "process description");
        StatusDocuments.link(links, hrefs.to("/processes/" + name + "/execution"),
                "http://www.opengis.net/def/rel/ogc/1.0/execute", "application/json", "execute");
        return doc;
    }

    ObjectNode description(String name, TaskConfig task) {
        ObjectNode doc = summary(name, task);
        ObjectNode inputs = doc.putObject("inputs");
        task.inputs().forEach((input, spec) -> inputs.set(input, input(input, spec)));
        ObjectNode outputs = doc.putObject("outputs");
        task.outputs().forEach((output, spec) -> outputs.set(output, output(output, spec)));
        return doc;
    }

    private ObjectNode input(String name, InputSpec spec) {
        ObjectNode doc = json.createObjectNode();
        doc.put("title", spec.title() == null ? name : spec.title());
        if (spec.description() != null) {
            doc.put("description", spec.description());
        }
        doc.put("minOccurs", spec.mustBeSent() ? 1 : 0);
        doc.put("maxOccurs", 1);
        ObjectNode schema = schema(spec);
        if (spec.pattern() != null) {
            // why: the server matches the whole value, where a JSON Schema pattern may match any part of it
            schema.put("pattern", "^(?:" + spec.pattern() + ")$");
        }
        doc.set("schema", ogcSchema(schema, doc));
        return doc;
    }

    /**
     * /req/ogc-process-description/input-def and input-mixed-type: a process description's schema holds only the
     * keywords of OGC's schema.yaml (it forbids others), so Sluice's own x-sluice-… checks move beside it into the
     * input description, and a file of several accepted types becomes a oneOf with one media type each, the first the
     * default. The OpenAPI description keeps them in the schema, where OpenAPI allows extensions.
     */
    private static ObjectNode ogcSchema(ObjectNode schema, ObjectNode input) {
        List<String> own = new java.util.ArrayList<>();
        schema.fieldNames().forEachRemaining(key -> {
            if (key.startsWith("x-")) {
                own.add(key);
            }
        });
        own.forEach(key -> input.set(key, schema.remove(key)));
        com.fasterxml.jackson.databind.JsonNode accepted = input.path("x-sluice-accept");
        if (accepted.size() < 2) {
            return schema;
        }
        ObjectNode mixed = schema.objectNode();
        ArrayNode each = mixed.putArray("oneOf");
        accepted.forEach(type -> each.addObject().put("type", "string").put("format", "binary")
                .put("contentMediaType", type.asText()));
        return mixed;
    }

    /** The JSON Schema of an input, written from the same declaration that the server's checks read. */
    ObjectNode schema(InputSpec spec) {
        ObjectNode schema = json.createObjectNode();
        switch (spec.type()) {
            case FILE -> upload(schema, spec, "application/octet-stream");
            case IMAGE -> {
                upload(schema, spec, "image/*");
                spec.maxDimensionIfAny().ifPresent(side -> schema.put("x-sluice-max-dimension", side));
                schema.put("x-sluice-max-pixels", spec.maxPixelsOrDefault());
            }
            case STRING -> {
                schema.put("type", "string");
                if (spec.maxLength() != null) {
                    schema.put("maxLength", spec.maxLength());
                }
                if (spec.pattern() != null) {
                    schema.put("pattern", spec.pattern());
                }
                if (!spec.allowed().isEmpty()) {
                    ArrayNode allowed = schema.putArray("enum");
                    spec.allowed().forEach(allowed::add);
                }
            }
            default -> {
                schema.put("type", spec.type().name().toLowerCase(Locale.ROOT));
                if (spec.min() != null) {
                    schema.put("minimum", spec.min());
                }
                if (spec.max() != null) {
                    schema.put("maximum", spec.max());
                }
                if (spec.step() != null) {
                    step(schema, spec);
                }
            }
        }
        spec.defaultIfAny().ifPresent(d -> schema.set("default", d));
        return schema;
    }

    /** An upload: one accepted type as contentMediaType, every accepted type in x-sluice-accept, the size limit. */
    private static void upload(ObjectNode schema, InputSpec spec, String anyType) {
        List<MediaType> accepted = spec.acceptedTypes();
        schema.put("type", "string");
        schema.put("format", "binary");
        schema.put("contentMediaType", accepted.size() == 1 ? accepted.get(0).mediaTypeName() : anyType);
        if (!accepted.isEmpty()) {
            ArrayNode names = schema.putArray("x-sluice-accept");
            accepted.forEach(type -> names.add(type.mediaTypeName()));
        }
        if (spec.maxSize() != null) {
            schema.put("x-sluice-max-size", spec.maxSize().bytes());
        }
    }

    /**
     * JSON Schema's multipleOf counts from 0 while a step counts from the minimum (as an HTML form does); where the
     * two differ, the step goes under a keyword of its own rather than into a multipleOf that would be wrong.
     */
    private static void step(ObjectNode schema, InputSpec spec) {
        boolean fromZero = spec.stepBase().remainder(spec.step()).signum() == 0;
        schema.put(fromZero ? "multipleOf" : "x-sluice-step", spec.step());
    }

    private ObjectNode output(String name, OutputSpec spec) {
        ObjectNode doc = json.createObjectNode();
        doc.put("title", spec.title() == null ? name : spec.title());
        ObjectNode schema = doc.putObject("schema");
        spec.inlineType().ifPresentOrElse(
                type -> {
                    if (type != OutputSpec.OutputType.JSON) {
                        schema.put("type", type.name().toLowerCase(Locale.ROOT));
                    }
                },
                () -> {
                    schema.put("type", "string");
                    schema.put("format", "binary");
                    schema.put("contentMediaType", ContentTypes.of(spec.file()));
                });
        return doc;
    }
}
