package dev.sluice.web;

import dev.sluice.config.DataSize;
import dev.sluice.store.NodeRecord;
import java.util.Locale;

/**
 * The admin page's table of the nodes that share the database: whether each is alive by its lease, how long ago it
 * renewed it, its running jobs and memory budget, which one leads. Shown only when the database is shared.
 */
final class AdminNodesSection {

    private AdminNodesSection() {
    }

    static void render(StringBuilder html, ClusterNodes cluster) {
        html.append("<section aria-labelledby=\"nodes-title\"><h2 id=\"nodes-title\">Nodes</h2>\n")
                .append("<p class=\"hint\">The nodes sharing this database; a node whose lease ran out is dead and its running")
                .append(" jobs go to the others. The same data as JSON: <a href=\"/admin/nodes\">/admin/nodes</a>.</p>\n")
                .append("<div data-live=\"nodes\" class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"nodes-title\">\n")
                .append("<table id=\"nodes\"><thead><tr><th>Name</th><th>Address</th><th>State</th><th>Lease age</th>")
                .append("<th>Running jobs</th><th>Memory budget</th><th>Leader</th><th>Version</th></tr></thead><tbody>\n");
        for (NodeRecord node : cluster.nodes()) {
            boolean alive = cluster.alive(node);
            html.append("<tr class=\"").append(alive ? "alive" : "dead").append("\"><td>").append(Html.escape(node.name()))
                    .append(cluster.isSelf(node) ? " <span class=\"hint\">(this node)</span>" : "").append("</td><td>")
                    .append(node.address().map(Html::escape).orElse("—")).append("</td><td>").append(alive ? "alive" : "dead")
                    .append("</td><td>").append(String.format(Locale.ROOT, "%.1f s", node.sinceRenewal().toMillis() / 1000.0))
                    .append("</td><td>").append(node.running()).append("</td><td>").append(new DataSize(node.memoryBudget()))
                    .append("</td><td>").append(node.leader() ? "leader" : "").append("</td><td>").append(Html.escape(node.version()))
                    .append("</td></tr>\n");
        }
        html.append("</tbody></table>\n</div>\n</section>\n");
    }
}
