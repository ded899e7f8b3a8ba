package dev.sluice.store;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * {@link ClusterStore} on the shared database. Every instant here is taken from the database's clock inside the
 * statement that uses it, so nodes whose clocks disagree still agree on whose lease has run out.
 */
final class PostgresNodes implements ClusterStore {

    /** The database's clock in epoch milliseconds, read afresh within the statement. */
    static final String NOW = "(EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint";
    private static final String LEADER = "leader";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PostgresDatabase db;
    private final NodeRegistration registration;
    private volatile String self;

    private PostgresNodes(PostgresDatabase db, NodeRegistration registration) {
        this.db = db;
        this.registration = registration;
    }

    /** Registers the node and returns its part of the store. */
    static PostgresNodes join(PostgresDatabase db, NodeRegistration registration) {
        PostgresNodes nodes = new PostgresNodes(db, registration);
        nodes.rejoin();
        return nodes;
    }

    @Override
    public String self() {
        return self;
    }

    /** The fence of this node's registration as it is at each statement. */
    RunFence fence() {
        return RunFence.of(this::self);
    }

    @Override
    public void rejoin() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        db.write(sql -> sql.update("INSERT INTO nodes (id, name, marker, version, started, memory_budget, renewed, lease_until)"
                        + " VALUES (?, ?, ?, ?, " + NOW + ", ?, " + NOW + ", " + NOW + " + ?)", id, registration.name(),
                registration.marker(), registration.version(), registration.memoryBudget(), registration.lease().toMillis()));
        self = id;
    }

    @Override
    public boolean renew() {
        return db.write(sql -> sql.update("UPDATE nodes SET renewed = " + NOW + ", lease_until = " + NOW + " + ? WHERE id = ?",
                registration.lease().toMillis(), self)) > 0;
    }

    @Override
    public void announce(String address) {
        db.write(sql -> sql.update("UPDATE nodes SET address = ? WHERE id = ?", address, self));
    }

    // why: the claim lasts two thirds of a lease and is renewed with it, so a dead leader's role passes on within
    // one lease of its last renewal, counting the third a follower may wait before it asks again
    @Override
    public boolean lead() {
        long claim = registration.lease().toMillis() * 2 / 3;
        String me = self;
        return !db.write(sql -> sql.rows("INSERT INTO cluster_roles (role, node, until) SELECT ?, ?, " + NOW + " + ?"
                + " WHERE EXISTS (SELECT 1 FROM nodes WHERE id = ?) ON CONFLICT (role) DO UPDATE SET node = EXCLUDED.node,"
                + " until = EXCLUDED.until WHERE cluster_roles.node = EXCLUDED.node OR cluster_roles.until < " + NOW
                + " RETURNING node", rs -> rs.getString(1), LEADER, me, claim, me)).isEmpty();
    }

    @Override
    public List<NodeRecord> nodes() {
        return db.read(sql -> sql.rows("SELECT n.id, n.name, n.marker, n.address, n.version, n.started, n.memory_budget, "
                + NOW + " - n.renewed, n.lease_until - " + NOW + ", (SELECT COUNT(*) FROM jobs j WHERE j.node = n.id AND"
                + " j.state = 'running'), EXISTS (SELECT 1 FROM cluster_roles r WHERE r.role = ? AND r.node = n.id AND r.until >= "
                + NOW + ") FROM nodes n ORDER BY n.name, n.started", rs -> new NodeRecord(rs.getString(1), rs.getString(2),
                rs.getString(3), Optional.ofNullable(rs.getString(4)), rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)),
                rs.getLong(7), Duration.ofMillis(rs.getLong(8)), Duration.ofMillis(rs.getLong(9)), rs.getInt(10), rs.getBoolean(11)),
                LEADER));
    }

    @Override
    public List<DeadNode> dead() {
        return db.read(sql -> {
            List<DeadNode> dead = new ArrayList<>(sql.rows("SELECT id, marker FROM nodes WHERE lease_until < " + NOW + " ORDER BY id",
                    rs -> new DeadNode(rs.getString(1), Optional.of(rs.getString(2)))));
            dead.addAll(sql.rows("SELECT DISTINCT COALESCE(j.node, '') FROM jobs j WHERE j.state = 'running' AND (j.node IS NULL"
                    + " OR NOT EXISTS (SELECT 1 FROM nodes n WHERE n.id = j.node))", rs -> new DeadNode(rs.getString(1), Optional.empty())));
            return dead;
        });
    }

    @Override
    public List<DeadNode> earlierSelves() {
        return db.read(sql -> sql.rows("SELECT id, marker FROM nodes WHERE name = ? AND id <> ? ORDER BY started",
                rs -> new DeadNode(rs.getString(1), Optional.of(rs.getString(2)), true), registration.name(), self));
    }

    @Override
    public List<Job> adopt(DeadNode dead) {
        String me = self;
        return db.write(sql -> {
            if (dead.id().isEmpty()) {
                return sql.query("UPDATE jobs SET node = ? WHERE node IS NULL AND state = 'running' AND EXISTS (SELECT 1 FROM"
                        + " nodes WHERE id = ?) RETURNING " + JobRows.COLUMNS, me, me);
            }
            int removed = sql.update("DELETE FROM nodes WHERE id = ? AND (lease_until < " + NOW + " OR ?)", dead.id(),
                    dead.earlierSelf());
            if (removed == 0 && sql.scalar("SELECT COUNT(*) FROM nodes WHERE id = ?", dead.id()) > 0) {
                return List.of();
            }
            sql.update("DELETE FROM cluster_roles WHERE node = ?", dead.id());
            return sql.query("UPDATE jobs SET node = ? WHERE node = ? AND state = 'running' AND EXISTS (SELECT 1 FROM nodes"
                    + " WHERE id = ?) RETURNING " + JobRows.COLUMNS, me, dead.id(), me);
        });
    }

    @Override
    public List<JobId> cancelsRequested() {
        return db.read(sql -> sql.rows("SELECT id FROM jobs WHERE node = ? AND state = 'running' AND cancel_requested",
                rs -> new JobId(rs.getString(1)), self));
    }

    @Override
    public boolean requestCancel(JobId id) {
        return db.write(sql -> sql.update("UPDATE jobs SET cancel_requested = TRUE WHERE id = ? AND state = 'running'",
                id.value())) > 0;
    }

    @Override
    public Duration databaseUp() {
        return Duration.ofMillis(db.read(sql -> sql.rows("SELECT (EXTRACT(EPOCH FROM clock_timestamp() - pg_postmaster_start_time())"
                + " * 1000)::bigint", rs -> rs.getLong(1))).getFirst());
    }

    @Override
    public void leave() {
        String me = self;
        db.write(sql -> {
            sql.update("DELETE FROM cluster_roles WHERE node = ?", me);
            return sql.update("DELETE FROM nodes WHERE id = ?", me);
        });
    }
}
