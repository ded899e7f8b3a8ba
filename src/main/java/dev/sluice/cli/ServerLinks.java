package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Map;

/**
 * The server's links as URLs a user can click or fetch as they are. The server writes absolute hrefs from the Host it
 * was asked for; one it leaves relative (an older server, a Host it would not echo) is resolved against the URL the
 * command was given, base path included.
 */
final class ServerLinks {

    private final URI base;

    /** {@code base}: the server's URL as the user gave it, ending in a slash. */
    ServerLinks(URI base) {
        this.base = base;
    }

    /** {@code href} as an absolute URL; an href that is no URI at all is left as it came. */
    String absolute(String href) {
        try {
            return base.resolve(href).toString();
        } catch (IllegalArgumentException notAUri) {
            return href;
        }
    }

    /** The job's web page: its status URL, which answers HTML to a browser. */
    String jobPage(String id) {
        return absolute("jobs/" + id);
    }

    /** Makes absolute, in place, the hrefs of every `links` array in {@code doc} at any depth; nothing else is touched. */
    JsonNode absoluteLinks(JsonNode doc) {
        if (doc instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (field.getKey().equals("links") && field.getValue().isArray()) {
                    field.getValue().forEach(this::absoluteHref);
                } else {
                    absoluteLinks(field.getValue());
                }
            }
        } else if (doc != null && doc.isArray()) {
            doc.forEach(this::absoluteLinks);
        }
        return doc;
    }

    /** Makes absolute, in place, the hrefs of a results document's file outputs; values a job wrote stay as they were. */
    JsonNode absoluteResults(JsonNode results) {
        if (results instanceof ObjectNode outputs) {
            for (Map.Entry<String, JsonNode> output : outputs.properties()) {
                if (isFileOutput(output.getValue())) {
                    absoluteHref(output.getValue());
                }
            }
        }
        return results;
    }

    /** Whether a results document's entry is a file output's link rather than a value inlined. */
    // why: a file output is exactly {href, type}; an inline JSON output with an href of its own is the job's
    static boolean isFileOutput(JsonNode output) {
        return output.size() == 2 && output.path("href").isTextual() && output.path("type").isTextual();
    }

    private void absoluteHref(JsonNode link) {
        if (link instanceof ObjectNode object && object.get("href") instanceof JsonNode href && href.isTextual()) {
            object.put("href", absolute(href.asText()));
        }
    }
}
