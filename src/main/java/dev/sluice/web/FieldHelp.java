package dev.sluice.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.config.DataSize;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The words under a form's input: its checks said once, as a person reads them ("PNG, JPEG or GIF · at most
 * 25 MB · at most 100 megapixels"), with thousands separators and units; and a label made from a bare key.
 */
final class FieldHelp {

    private static final Map<String, String> KNOWN_TYPES = Map.ofEntries(
            Map.entry("image/png", "PNG"), Map.entry("image/jpeg", "JPEG"), Map.entry("image/gif", "GIF"),
            Map.entry("image/bmp", "BMP"), Map.entry("image/tiff", "TIFF"), Map.entry("image/webp", "WebP"),
            Map.entry("image/*", "any image"), Map.entry("application/pdf", "PDF"), Map.entry("text/csv", "CSV"),
            Map.entry("application/json", "JSON"), Map.entry("text/plain", "plain text"),
            Map.entry("application/zip", "ZIP"), Map.entry("application/xml", "XML"), Map.entry("text/xml", "XML"));
    private static final long MEGAPIXEL = 1_000_000;

    private FieldHelp() {
    }

    /** "max_width" and "maxWidth" read as "Max width": the label of an input that has no title. */
    static String labelFor(String key) {
        String spaced = key.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("[_\\-.]+", " ").strip();
        if (spaced.isEmpty()) {
            return key;
        }
        String lower = spaced.toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    /** The description, then the checks in words, each said once. */
    static String of(String description, JsonNode schema, String accept) {
        StringBuilder help = new StringBuilder(description == null ? "" : description.strip());
        String rules = String.join(" · ", rules(schema, accept));
        if (!rules.isEmpty()) {
            help.append(help.isEmpty() ? "" : " · ").append(rules);
        }
        return help.toString();
    }

    private static List<String> rules(JsonNode schema, String accept) {
        List<String> rules = new ArrayList<>();
        JsonNode min = schema.path("minimum");
        JsonNode max = schema.path("maximum");
        boolean whole = "integer".equals(schema.path("type").asText());
        String kind = whole ? "a whole number " : "";
        if (!min.isMissingNode() && !max.isMissingNode()) {
            rules.add(kind + "from " + number(min) + " to " + number(max));
        } else if (!min.isMissingNode()) {
            rules.add((whole ? kind + "of " : "") + "at least " + number(min));
        } else if (!max.isMissingNode()) {
            rules.add((whole ? kind + "of " : "") + "at most " + number(max));
        } else if (whole) {
            rules.add("a whole number");
        }
        if (schema.has("multipleOf")) {
            rules.add("in steps of " + number(schema.path("multipleOf")));
        }
        if (schema.has("maxLength")) {
            rules.add("at most " + number(schema.path("maxLength")) + " characters");
        }
        if (!accept.isEmpty()) {
            rules.add(typeNames(accept));
        }
        if (schema.has("x-sluice-max-size")) {
            rules.add("at most " + new DataSize(schema.path("x-sluice-max-size").asLong()));
        }
        if (schema.has("x-sluice-max-pixels")) {
            rules.add("at most " + pixels(schema.path("x-sluice-max-pixels").asLong()));
        }
        if (schema.has("x-sluice-max-dimension")) {
            String side = number(schema.path("x-sluice-max-dimension"));
            rules.add("a side longer than " + side + " pixels is scaled down to " + side);
        }
        return rules;
    }

    /** "image/png,image/jpeg,image/gif" reads "PNG, JPEG or GIF". */
    static String typeNames(String accept) {
        List<String> names = new ArrayList<>();
        for (String type : accept.split(",")) {
            String trimmed = type.strip().toLowerCase(Locale.ROOT);
            String name = KNOWN_TYPES.getOrDefault(trimmed, trimmed);
            if (!trimmed.isEmpty() && !names.contains(name)) {
                names.add(name);
            }
        }
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast();
    }

    private static String number(JsonNode value) {
        if (value.isIntegralNumber() || value.asText().matches("-?\\d+")) {
            return String.format(Locale.ROOT, "%,d", value.asLong());
        }
        return new BigDecimal(value.asText()).stripTrailingZeros().toPlainString();
    }

    private static String pixels(long count) {
        if (count >= MEGAPIXEL && count % MEGAPIXEL == 0) {
            return String.format(Locale.ROOT, "%,d megapixels", count / MEGAPIXEL);
        }
        return String.format(Locale.ROOT, "%,d pixels", count);
    }
}
