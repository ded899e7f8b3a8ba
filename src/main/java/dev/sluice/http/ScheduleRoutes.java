package dev.sluice.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.schedule.ScheduleStatus;
import dev.sluice.schedule.Scheduler;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** `GET /admin/schedules`: each schedule's setting, latest tick and its outcome, and next tick. Admin only. */
final class ScheduleRoutes {

    private final Scheduler scheduler;
    private final ObjectMapper json;

    ScheduleRoutes(Scheduler scheduler, ObjectMapper json) {
        this.scheduler = scheduler;
        this.json = json;
    }

    void register(RoutesConfig routes) {
        routes.get("/admin/schedules", this::list);
    }

    private void list(Context ctx) {
        ObjectNode doc = json.createObjectNode();
        ArrayNode schedules = doc.putArray("schedules");
        for (ScheduleStatus status : scheduler.statuses()) {
            ObjectNode s = schedules.addObject();
            s.put("name", status.name());
            s.put("task", status.config().task());
            if (status.config().every() != null) {
                s.put("every", dev.sluice.config.Durations.format(status.config().every()));
            } else {
                s.put("cron", status.config().cron());
            }
            s.put("timeZone", status.config().timeZone());
            s.put("catchUp", status.config().catchUp().name().toLowerCase(java.util.Locale.ROOT));
            s.put("overlap", status.config().overlap().name().toLowerCase(java.util.Locale.ROOT));
            status.lastTick().ifPresentOrElse(tick -> {
                ObjectNode last = s.putObject("lastTick");
                last.put("at", tick.at().toString());
                last.put("outcome", tick.outcome().wire());
                tick.job().ifPresent(job -> last.put("jobID", job.value()));
                status.lastJobState().ifPresent(state -> last.put("jobStatus", state.wireName()));
            }, () -> s.putNull("lastTick"));
            s.put("nextTick", status.nextTick().toString());
        }
        ctx.json(doc);
    }
}
