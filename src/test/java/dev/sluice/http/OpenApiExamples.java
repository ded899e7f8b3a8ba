package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Makes a value that a schema of the OpenAPI description allows, reading only the schema (as a generated client
 * would): every property it declares, each at the lowest value its checks allow (a URL on this machine for a `uri`).
 */
final class OpenApiExamples {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> WORDS = List.of("example", "a", "7", "x1", "");

    private final Function<JsonNode, JsonNode> resolve;

    /** {@code resolve} turns a `$ref` into the schema it names. */
    OpenApiExamples(Function<JsonNode, JsonNode> resolve) {
        this.resolve = resolve;
    }

    JsonNode of(JsonNode schema) {
        schema = resolve.apply(schema);
        if (schema.has("allOf")) {
            return of(schema.path("allOf").get(0));
        }
        if (schema.has("enum")) {
            return schema.path("enum").get(0);
        }
        if (schema.has("default")) {
            return schema.get("default");
        }
        return switch (schema.path("type").asText()) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                schema.path("properties").properties().forEach(p -> object.set(p.getKey(), of(p.getValue())));
                yield object;
            }
            case "boolean" -> NODES.booleanNode(true);
            case "integer", "number" -> NODES.numberNode(number(schema));
            // why: a URL on this machine, where nothing listens on port 9 (discard), so nothing is sent anywhere else
            case "string" -> NODES.textNode(schema.path("format").asText().equals("uri") ? "http://127.0.0.1:9/" : text(schema));
            default -> throw new AssertionError("no example for the schema " + schema);
        };
    }

    private static BigDecimal number(JsonNode schema) {
        BigDecimal value = schema.has("minimum") ? schema.get("minimum").decimalValue()
                : schema.has("maximum") ? schema.get("maximum").decimalValue() : BigDecimal.ONE;
        if (schema.has("multipleOf")) {
            BigDecimal step = schema.get("multipleOf").decimalValue();
            value = value.divide(step, 0, RoundingMode.CEILING).multiply(step);
        }
        return value;
    }

    private static String text(JsonNode schema) {
        int longest = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        int shortest = schema.path("minLength").asInt(0);
        Pattern pattern = schema.has("pattern") ? Pattern.compile(schema.get("pattern").asText()) : null;
        for (String word : WORDS) {
            if (word.length() <= longest && word.length() >= shortest && (pattern == null || pattern.matcher(word).find())) {
                return word;
            }
        }
        throw new AssertionError("no example word fits the schema " + schema);
    }
}
