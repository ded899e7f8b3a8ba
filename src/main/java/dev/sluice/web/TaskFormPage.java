package dev.sluice.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.config.InputSpec;
import dev.sluice.config.TaskConfig;
import dev.sluice.worker.TaskHealth;
import java.util.function.Function;

/**
 * The form of one task, generated from its inputs. Every check is written into the page from the input's JSON
 * Schema (the one the API publishes), and sluice.js runs them before it submits, so the browser mirrors the server.
 */
final class TaskFormPage {

    private final Function<InputSpec, ObjectNode> schemaOf;
    private final TaskHealth health;

    TaskFormPage(Function<InputSpec, ObjectNode> schemaOf, TaskHealth health) {
        this.schemaOf = schemaOf;
        this.health = health;
    }

    String render(String name, TaskConfig task) {
        String title = task.title() == null ? name : task.title();
        StringBuilder html = new StringBuilder("<h1>").append(Html.escape(title)).append("</h1>\n");
        if (task.description() != null) {
            html.append("<p class=\"description\">").append(Html.escape(task.description())).append("</p>\n");
        }
        health.broken(name).ifPresent(b -> html.append("<p class=\"problem\">This task is broken and takes no jobs: ")
                .append(Html.escape(b.message())).append("</p>\n"));
        html.append("<form id=\"task-form\" class=\"task-form\" method=\"post\" enctype=\"multipart/form-data\" novalidate")
                .append(" action=\"/processes/").append(Html.escape(name)).append("/execution\"")
                .append(" data-task=\"").append(Html.escape(name)).append("\" data-title=\"").append(Html.escape(title)).append("\">\n");
        task.inputs().forEach((input, spec) -> html.append(new FormField(input, spec, schemaOf.apply(spec)).render()));
        if (task.inputs().isEmpty()) {
            html.append("<p class=\"hint\">This task takes no inputs.</p>\n");
        }
        if (!task.outputs().isEmpty()) {
            html.append("<p class=\"hint\" id=\"outputs\">Results: ");
            StringBuilder names = new StringBuilder();
            task.outputs().forEach((output, spec) -> names.append(names.isEmpty() ? "" : ", ")
                    .append(Html.escape(spec.title() == null ? FieldHelp.labelFor(output) : spec.title())));
            html.append(names).append(".</p>\n");
        }
        html.append("<p id=\"form-error\" class=\"form-error\" role=\"alert\"></p>\n")
                .append("<p id=\"upload\" class=\"upload\" hidden><progress id=\"upload-bar\" max=\"100\" value=\"0\""
                        + " aria-labelledby=\"upload-text\"></progress> <span id=\"upload-text\" aria-live=\"polite\"></span></p>\n")
                .append("<button type=\"submit\" id=\"submit\"").append(health.broken(name).isPresent() ? " disabled" : "")
                .append(">Run</button>\n</form>\n");
        return html.toString();
    }

    /** One input: its label, its control with the checks as attributes, its help text and the place for its error. */
    private record FormField(String name, InputSpec spec, ObjectNode schema) {

        String render() {
            String id = "input-" + name;
            String title = spec.title() == null ? FieldHelp.labelFor(name) : spec.title();
            StringBuilder html = new StringBuilder("<div class=\"field\" data-field=\"").append(Html.escape(name)).append("\">\n")
                    .append("<label for=\"").append(Html.escape(id)).append("\">").append(Html.escape(title)).append("</label>");
            if (spec.mustBeSent()) {
                html.append(" <span class=\"required\">required</span>");
            }
            html.append("\n").append(control(id)).append("\n");
            String help = FieldHelp.of(spec.description(), schema, accept());
            if (!help.isEmpty()) {
                html.append("<p class=\"help\" id=\"help-").append(Html.escape(name)).append("\">").append(Html.escape(help)).append("</p>\n");
            }
            html.append("<p class=\"field-error\" id=\"error-").append(Html.escape(name)).append("\" data-error-for=\"")
                    .append(Html.escape(name)).append("\" role=\"alert\"></p>\n</div>\n");
            return html.toString();
        }

        private String control(String id) {
            String common = " id=\"" + Html.escape(id) + "\" name=\"" + Html.escape(name) + "\""
                    + " aria-describedby=\"help-" + Html.escape(name) + " error-" + Html.escape(name) + "\""
                    + (spec.mustBeSent() ? " required data-required=\"true\"" : "");
            String type = schema.path("type").asText();
            JsonNode fallback = schema.path("default");
            if ("binary".equals(schema.path("format").asText())) {
                // why: the zone takes a dropped file and shows what was chosen; the plain control inside still works alone
                return "<div class=\"drop-zone\">" + "<input type=\"file\"" + common + fileChecks() + ">"
                        + "<span class=\"drop-hint\" aria-hidden=\"true\">or drop a file here</span>"
                        + "<span class=\"file-preview\" id=\"preview-" + Html.escape(name) + "\" hidden></span></div>";
            }
            if ("boolean".equals(type)) {
                return "<input type=\"checkbox\" value=\"true\" data-type=\"boolean\"" + common
                        + (fallback.asBoolean(false) ? " checked" : "") + ">";
            }
            if (schema.has("enum")) {
                StringBuilder select = new StringBuilder("<select data-type=\"string\"").append(common).append(">");
                if (!spec.mustBeSent() && fallback.isMissingNode()) {
                    select.append("<option value=\"\"></option>");
                }
                for (JsonNode option : schema.path("enum")) {
                    select.append("<option value=\"").append(Html.escape(option.asText())).append("\"")
                            .append(option.asText().equals(fallback.asText(null)) ? " selected" : "").append(">")
                            .append(Html.escape(option.asText())).append("</option>");
                }
                return select.append("</select>").toString();
            }
            String value = fallback.isMissingNode() ? "" : " value=\"" + Html.escape(fallback.asText()) + "\"";
            if ("number".equals(type) || "integer".equals(type)) {
                String step = schema.has("multipleOf") ? schema.path("multipleOf").asText() : "integer".equals(type) ? "1" : "any";
                return "<input type=\"number\" data-type=\"" + type + "\" step=\"" + Html.escape(step) + "\""
                        + attribute("min", "minimum") + attribute("max", "maximum")
                        + attribute("data-minimum", "minimum") + attribute("data-maximum", "maximum")
                        + attribute("data-multiple-of", "multipleOf") + common + value + ">";
            }
            String checks = attribute("data-max-length", "maxLength") + attribute("data-pattern", "pattern");
            if (schema.path("maxLength").asInt(0) > 200) {
                return "<textarea rows=\"4\" data-type=\"string\"" + checks + common + ">"
                        + (fallback.isMissingNode() ? "" : Html.escape(fallback.asText())) + "</textarea>";
            }
            return "<input type=\"text\" data-type=\"string\"" + checks + common + value + ">";
        }

        private String fileChecks() {
            StringBuilder checks = new StringBuilder(" data-type=\"file\"").append(attribute("data-max-size", "x-sluice-max-size"))
                    .append(attribute("data-max-pixels", "x-sluice-max-pixels"))
                    .append(attribute("data-max-dimension", "x-sluice-max-dimension"));
            String accept = accept();
            if (!accept.isEmpty()) {
                checks.append(" accept=\"").append(Html.escape(accept)).append("\" data-accept=\"").append(Html.escape(accept)).append("\"");
            }
            return checks.toString();
        }

        /** The media types the file input takes: x-sluice-accept when declared, else image/* for images. */
        private String accept() {
            JsonNode declared = schema.path("x-sluice-accept");
            if (declared.isArray() && !declared.isEmpty()) {
                StringBuilder list = new StringBuilder();
                declared.forEach(t -> list.append(list.isEmpty() ? "" : ",").append(t.asText()));
                return list.toString();
            }
            if (declared.isTextual()) {
                return declared.asText();
            }
            String media = schema.path("contentMediaType").asText("");
            return media.startsWith("image/") ? media : "";
        }

        private String attribute(String attribute, String keyword) {
            JsonNode value = schema.path(keyword);
            return value.isMissingNode() || value.isNull() ? "" : " " + attribute + "=\"" + Html.escape(value.asText()) + "\"";
        }
    }
}
