package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.config.Durations;
import dev.sluice.queue.MaintenanceMode;
import dev.sluice.store.Maintenance;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * `GET /admin/maintenance` says whether maintenance mode is on; `POST /admin/maintenance` turns it on or off, from
 * JSON (`{"active": true, "message": "…", "until": "2026-12-06T06:00:00Z"}` or `"for": "30m"`) or from the admin
 * page's form, which is sent back to the admin page. Admin only, like every /admin route.
 */
final class MaintenanceRoutes {

    private final MaintenanceMode maintenance;
    private final ObjectMapper json;
    private final Clock clock;
    private final Hrefs hrefs;

    MaintenanceRoutes(MaintenanceMode maintenance, ObjectMapper json, Clock clock, Hrefs hrefs) {
        this.hrefs = hrefs;
        this.maintenance = maintenance;
        this.json = json;
        this.clock = clock;
    }

    void register(RoutesConfig routes) {
        routes.get("/admin/maintenance", ctx -> ctx.json(document(maintenance.active())));
        routes.post("/admin/maintenance", this::set);
    }

    private void set(Context ctx) {
        boolean form = ctx.isFormUrlencoded();
        Map<String, String> fields = form ? formFields(ctx) : jsonFields(ctx);
        String active = fields.getOrDefault("active", "");
        Optional<Maintenance> now = switch (active) {
            case "true", "on" -> Optional.of(start(fields));
            case "false", "off" -> {
                maintenance.end();
                yield Optional.empty();
            }
            default -> throw Problems.badInput("active", "must be true or false (JSON) or on or off (form), not '" + active + "'");
        };
        if (form) {
            ctx.redirect(hrefs.to("/admin#maintenance"), io.javalin.http.HttpStatus.SEE_OTHER);
        } else {
            ctx.json(document(now));
        }
    }

    private Maintenance start(Map<String, String> fields) {
        String until = fields.getOrDefault("until", "").strip();
        String lasting = fields.getOrDefault("for", "").strip();
        if (!until.isEmpty() && !lasting.isEmpty()) {
            throw Problems.badInput("until", "cannot be given together with 'for'; give one or neither");
        }
        Optional<Instant> end = Optional.empty();
        if (!until.isEmpty()) {
            try {
                end = Optional.of(OffsetDateTime.parse(until).toInstant());
            } catch (DateTimeParseException e) {
                throw Problems.badInput("until", "must be a date and time with its offset, e.g. 2026-12-06T06:00:00Z");
            }
        } else if (!lasting.isEmpty()) {
            try {
                end = Optional.of(clock.instant().plus(Durations.parse(lasting)));
            } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
                throw Problems.badInput("for", "must be a duration such as 30m, 2h or 1d");
            }
        }
        String message = fields.get("message");
        if (message != null && message.strip().length() > MaintenanceMode.LONGEST_MESSAGE) {
            throw Problems.badInput("message", "has " + message.strip().length() + " characters; at most "
                    + MaintenanceMode.LONGEST_MESSAGE + " are shown");
        }
        if (end.isPresent() && !end.get().isAfter(clock.instant())) {
            throw until.isEmpty() ? Problems.badInput("for", "must be longer than 0")
                    : Problems.badInput("until", "(" + until + ") has already passed");
        }
        return maintenance.start(message, end);
    }

    private static Map<String, String> formFields(Context ctx) {
        Map<String, String> fields = new java.util.HashMap<>();
        for (String name : new String[] {"active", "message", "until", "for"}) {
            String value = ctx.formParam(name);
            if (value != null) {
                fields.put(name, value);
            }
        }
        return fields;
    }

    private static Map<String, String> jsonFields(Context ctx) {
        JsonNode body = RequestJson.parse(ctx.bodyAsBytes());
        if (!body.isObject()) {
            throw Problems.badRequest("the body must be a JSON object such as {\"active\": true, \"message\": \"…\"}");
        }
        Map<String, String> fields = new java.util.HashMap<>();
        for (String name : new String[] {"active", "message", "until", "for"}) {
            JsonNode value = body.get(name);
            if (value != null && !value.isNull()) {
                if (!value.isValueNode()) {
                    throw Problems.badInput(name, "must be a string" + ("active".equals(name) ? " or a boolean" : ""));
                }
                fields.put(name, value.asText());
            }
        }
        return fields;
    }

    private ObjectNode document(Optional<Maintenance> now) {
        ObjectNode doc = json.createObjectNode();
        doc.put("active", now.isPresent());
        now.ifPresent(m -> {
            doc.put("message", m.message());
            doc.put("since", m.since().toString());
            m.until().ifPresent(end -> doc.put("until", end.toString()));
        });
        return doc;
    }
}
