package dev.sluice.web;

import dev.sluice.queue.MaintenanceMode;
import dev.sluice.store.Maintenance;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;

/**
 * The pages of maintenance mode: the 503 page that takes the place of the index and the forms while it is on, the
 * admin's form that turns it on, and the admin page's section that shows it and ends it.
 */
final class MaintenancePage {

    private MaintenancePage() {
    }

    /** Answers 503 with the admin's message; {@code more} (escaped HTML) follows it, such as the index's "my jobs". */
    static void send(Context ctx, Maintenance maintenance, Duration retryAfter, String more) {
        ctx.header("Retry-After", String.valueOf(retryAfter.toSeconds()));
        PageLayout.send(ctx, 503, "Down for maintenance", "index", "<h1>Down for maintenance</h1>\n"
                + "<p class=\"problem\" id=\"maintenance-message\">" + Html.escape(maintenance.message()) + "</p>\n"
                + maintenance.until().map(end -> "<p>Expected back by <time datetime=\"" + end + "\">" + end + "</time>.</p>\n")
                .orElse("")
                + "<p class=\"hint\">New jobs cannot be submitted now. Jobs already submitted go on, and their pages keep"
                + " working.</p>\n" + more);
    }

    /** The form that turns maintenance mode on, on a page of its own: the admin page reloads itself every few seconds. */
    static void sendForm(Context ctx) {
        PageLayout.send(ctx, 200, "Maintenance mode", "maintenance", "<h1>Maintenance mode</h1>\n"
                + "<p class=\"hint\">While it is on, new submissions are refused (503, with Retry-After) and the forms say why;"
                + " queued and running jobs go on, and existing jobs stay readable. It survives a restart.</p>\n"
                + "<form method=\"post\" action=\"/admin/maintenance\" id=\"maintenance-form\">\n"
                + "<input type=\"hidden\" name=\"active\" value=\"on\">\n"
                + "<label for=\"maintenance-text\">Message to users</label>\n"
                + "<textarea id=\"maintenance-text\" name=\"message\" maxlength=\"" + MaintenanceMode.LONGEST_MESSAGE + "\" rows=\"3\""
                + " placeholder=\"" + Html.escape(MaintenanceMode.DEFAULT_MESSAGE) + "\"></textarea>\n"
                + "<label for=\"maintenance-for\">Ends by itself after (optional, e.g. 30m or 2h)</label>\n"
                + "<input id=\"maintenance-for\" name=\"for\" type=\"text\" pattern=\"([0-9]+(ms|s|m|h|d))+\">\n"
                + "<p><button type=\"submit\">Turn maintenance mode on</button> <a href=\"/admin\">Back to the admin page</a></p>\n"
                + "</form>\n");
    }

    static void adminSection(StringBuilder html, Optional<Maintenance> maintenance) {
        html.append("<h2 id=\"maintenance\">Maintenance mode</h2>\n");
        if (maintenance.isEmpty()) {
            html.append("<p id=\"maintenance-off\">Off: new jobs are taken. <a href=\"/admin/maintenance?f=html\">Turn it on…</a></p>\n");
            return;
        }
        Maintenance m = maintenance.get();
        html.append("<p id=\"maintenance-on\" class=\"problem\">On since <time datetime=\"").append(m.since()).append("\">")
                .append(m.since()).append("</time>")
                .append(m.until().map(end -> ", until <time datetime=\"" + end + "\">" + end + "</time>").orElse(""))
                .append(": ").append(Html.escape(m.message())).append("</p>\n")
                .append("<form method=\"post\" action=\"/admin/maintenance\"><input type=\"hidden\" name=\"active\" value=\"off\">")
                .append("<button type=\"submit\">End maintenance mode</button></form>\n");
    }
}
