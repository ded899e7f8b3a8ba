package dev.sluice.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Callbacks' part of either SQL store: subscribers written with their job, and pending deliveries. */
final class SqlCallbacks implements CallbackStore {

    private static final String COLUMNS = "id, job_id, member, uri, body, attempts, first_at, next_at";

    private final Transactions db;
    private final Optional<Supplier<String>> node;
    // why: most servers never see a subscriber; they then pay no read per job change to learn that
    private volatile boolean any;

    /**
     * With {@code soleWriter} (the store is its database's only writer) a database without subscribers is remembered
     * to have none until this store adds one; a database other nodes write to is always asked.
     */
    SqlCallbacks(Transactions db, boolean soleWriter) {
        this(db, soleWriter, Optional.empty());
    }

    /** For a node registered on a shared database ({@code node} gives its registration): deliveries are per node. */
    SqlCallbacks(Transactions db, boolean soleWriter, Optional<Supplier<String>> node) {
        this.db = db;
        this.node = node;
        this.any = !soleWriter || db.read(sql -> sql.scalar("SELECT EXISTS (SELECT 1 FROM job_callbacks)") == 1);
    }

    /** Run inside the job's INSERT transaction, so a job never starts without its subscriber known. */
    void insert(Statements sql, JobId job, Subscriber subscriber) throws SQLException {
        any = true;
        sql.update("INSERT INTO job_callbacks (job_id, success_uri, in_progress_uri, failed_uri, origin) VALUES (?, ?, ?, ?, ?)",
                job.value(), subscriber.successUri().orElse(null), subscriber.inProgressUri().orElse(null),
                subscriber.failedUri().orElse(null), subscriber.origin().orElse(null));
    }

    @Override
    public Optional<Subscriber> subscriber(JobId job) {
        if (!any) {
            return Optional.empty();
        }
        return db.read(sql -> sql.rows("SELECT success_uri, in_progress_uri, failed_uri, origin FROM job_callbacks WHERE job_id = ?",
                rs -> new Subscriber(Optional.ofNullable(rs.getString(1)), Optional.ofNullable(rs.getString(2)),
                        Optional.ofNullable(rs.getString(3)), Optional.ofNullable(rs.getString(4))), job.value()).stream().findFirst());
    }

    @Override
    public PendingDelivery add(PendingDelivery d) {
        String ownedBy = node.isPresent() ? ", node" : "";
        Object[] owner = node.map(n -> new Object[] {n.get()}).orElse(new Object[0]);
        Object[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of(d.job().value(), d.member(), d.uri(), d.body(),
                d.attempts(), d.firstAt().toEpochMilli(), d.nextAt().toEpochMilli()), java.util.Arrays.stream(owner)).toArray();
        return db.write(sql -> sql.rows("INSERT INTO callback_deliveries (job_id, member, uri, body, attempts, first_at, next_at"
                + ownedBy + ") VALUES (?, ?, ?, ?, ?, ?, ?" + (node.isPresent() ? ", ?" : "") + ") RETURNING " + COLUMNS,
                SqlCallbacks::map, args).getFirst());
    }

    @Override
    public List<PendingDelivery> pending() {
        if (node.isEmpty()) {
            return db.read(sql -> sql.rows("SELECT " + COLUMNS + " FROM callback_deliveries ORDER BY id", SqlCallbacks::map));
        }
        String me = node.get().get();
        return db.write(sql -> sql.rows("UPDATE callback_deliveries d SET node = ? WHERE d.node IS NULL OR NOT EXISTS (SELECT 1"
                + " FROM nodes n WHERE n.id = d.node AND n.lease_until >= " + PostgresNodes.NOW + ")"
                + " RETURNING " + COLUMNS, SqlCallbacks::map, me)).stream()
                .sorted(java.util.Comparator.comparingLong(PendingDelivery::id)).toList();
    }

    @Override
    public boolean shared() {
        return node.isPresent();
    }

    @Override
    public boolean update(PendingDelivery d) {
        return db.write(sql -> sql.update("UPDATE callback_deliveries SET attempts = ?, next_at = ? WHERE id = ?", d.attempts(),
                d.nextAt().toEpochMilli(), d.id())) > 0;
    }

    @Override
    public void remove(long id) {
        db.write(sql -> sql.update("DELETE FROM callback_deliveries WHERE id = ?", id));
    }

    private static PendingDelivery map(ResultSet rs) throws SQLException {
        return new PendingDelivery(rs.getLong(1), new JobId(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getInt(6), Instant.ofEpochMilli(rs.getLong(7)), Instant.ofEpochMilli(rs.getLong(8)));
    }
}
