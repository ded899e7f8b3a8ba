package dev.sluice.store;

import static dev.sluice.store.PortableColumn.bytes;
import static dev.sluice.store.PortableColumn.integer;
import static dev.sluice.store.PortableColumn.text;

import java.util.List;
import java.util.Optional;

/**
 * Every table of the store and every column an export carries, the same in SQLite and PostgreSQL. A test holds this
 * list to both databases' migrated schemas, so a migration that adds a column cannot leave it out of exports.
 */
final class PortableTables {

    /**
     * The version of the tables' layout that exports carry: the newest SQLite migration, whose layout PostgreSQL's V001
     * has too. A migration that changes a table raises it (a test keeps it equal to {@link SqliteDatabase#NEWEST_MIGRATION}).
     */
    static final int SCHEMA_VERSION = 13;

    /**
     * One table: its columns, the order its rows are written in, the column PostgreSQL fills from an identity sequence
     * (which an import sets explicitly, then moves past), and the key on which an imported row replaces one already there.
     */
    record Table(String name, List<PortableColumn> columns, String orderBy, Optional<String> identity,
                 Optional<String> replacesOn) {

        String columnList() {
            return String.join(", ", columns.stream().map(PortableColumn::name).toList());
        }
    }

    /** In the order an export writes them: jobs before the rows that name a job (PostgreSQL's foreign keys want that). */
    static final List<Table> ALL = List.of(
            new Table("jobs", List.of(integer("seq"), text("id"), text("task"), text("queue"), text("state"), text("reason"),
                    text("message"), integer("progress"), text("inputs"), integer("attempts"), integer("max_retries"),
                    integer("worker_pid"), integer("worker_started"), integer("peak_memory"), integer("created"),
                    integer("started"), integer("finished"), integer("updated"), text("owner"), integer("interruptions"),
                    text("schedule"), integer("disk_bytes"), integer("priority"), integer("promote_at")),
                    "seq", Optional.of("seq"), Optional.empty()),
            new Table("job_callbacks", List.of(text("job_id"), text("success_uri"), text("in_progress_uri"), text("failed_uri"),
                    text("origin")), "job_id", Optional.empty(), Optional.empty()),
            new Table("callback_deliveries", List.of(integer("id"), text("job_id"), text("member"), text("uri"), text("body"),
                    integer("attempts"), integer("first_at"), integer("next_at")), "id", Optional.of("id"), Optional.empty()),
            new Table("schedule_ticks", List.of(text("schedule"), integer("tick"), text("outcome"), text("job_id"),
                    integer("recorded")), "schedule, tick", Optional.empty(), Optional.empty()),
            new Table("removed_jobs", List.of(text("id"), text("task"), integer("removed")), "removed, id", Optional.empty(),
                    Optional.empty()),
            // why: a key the target already made (a server started on it once) gives way to the file's, so tokens
            // issued before the move stay valid; a key the file lacks (PostgreSQL's cluster id) stays
            new Table("server_keys", List.of(text("name"), bytes("value")), "name", Optional.empty(), Optional.of("name")),
            new Table("maintenance", List.of(integer("id"), text("message"), integer("since"), integer("until")), "id",
                    Optional.empty(), Optional.empty()));

    /**
     * What a PostgreSQL store keeps about the nodes that share it (V002), by table: which registration runs a job, asked
     * to cancel it or makes a callback delivery, the registrations and the leader role. An export leaves it out: the
     * nodes of one store mean nothing to another, whose first node starts afresh (a job running when the store was
     * stopped is settled by that node as its own start would).
     */
    static final java.util.Map<String, java.util.Set<String>> NODES_ONLY = java.util.Map.of(
            "jobs", java.util.Set.of("node", "cancel_requested"),
            "callback_deliveries", java.util.Set.of("node"),
            "nodes", java.util.Set.of("id", "name", "marker", "address", "version", "started", "memory_budget", "renewed",
                    "lease_until"),
            "cluster_roles", java.util.Set.of("role", "node", "until"));

    private PortableTables() {
    }

    static Optional<Table> named(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
