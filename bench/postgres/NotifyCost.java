import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * What telling other nodes costs a submission (not a test): a job-sized INSERT transaction alone, with the two
 * pg_notify calls inside it, and with them queued for a sender thread that sends whatever waits in one transaction
 * committed without waiting for the disk (what PostgresNoticeSender does). Sequential ms a submission, then
 * submissions/s from 16 clients; rounds interleave the modes. A connection LISTENs and reads throughout.
 * Usage: java -cp sluice.jar:. NotifyCost JDBC_URL [SEQUENTIAL] [PER_CLIENT] [ROUNDS]
 */
public class NotifyCost {

    private static final int CLIENTS = 16;
    private static final BlockingQueue<String[]> PENDING = new LinkedBlockingQueue<>();

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int sequential = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int perClient = args.length > 2 ? Integer.parseInt(args[2]) : 150;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS notify_cost");
            s.execute("CREATE TABLE notify_cost (seq bigserial PRIMARY KEY, id text UNIQUE, queue text, state text, inputs text,"
                    + " created bigint)");
        }
        listen(url);
        send(url);
        for (int round = 1; round <= rounds; round++) {
            for (String mode : List.of("none", "inside", "batched")) {
                System.out.printf("round %d %-8s sequential %.2f ms a submission, %d clients %.0f submissions/s%n", round, mode,
                        sequential(url, sequential, mode), CLIENTS, concurrent(url, perClient, mode));
            }
        }
    }

    private static void listen(String url) throws SQLException {
        Connection listener = DriverManager.getConnection(url);
        try (Statement s = listener.createStatement()) {
            s.execute("LISTEN sluice_wake");
            s.execute("LISTEN sluice_events");
        }
        Thread.ofPlatform().daemon().start(() -> {
            try {
                while (true) {
                    listener.unwrap(org.postgresql.PGConnection.class).getNotifications(1000);
                }
            } catch (SQLException ended) {
                // the JVM is ending
            }
        });
    }

    private static void send(String url) throws SQLException {
        Connection c = DriverManager.getConnection(url);
        Thread.ofPlatform().daemon().start(() -> {
            try {
                while (true) {
                    List<String[]> batch = new ArrayList<>();
                    batch.add(PENDING.take());
                    PENDING.drainTo(batch);
                    try (PreparedStatement p = c.prepareStatement("SELECT set_config('synchronous_commit', 'off', true),"
                            + " pg_notify(channel, payload) FROM unnest(?::text[], ?::text[]) AS notice(channel, payload)")) {
                        p.setObject(1, batch.stream().map(n -> n[0]).toArray(String[]::new));
                        p.setObject(2, batch.stream().map(n -> n[1]).toArray(String[]::new));
                        try (ResultSet rs = p.executeQuery()) {
                            while (rs.next()) {
                                // each row is one notification queued
                            }
                        }
                    }
                }
            } catch (Exception ended) {
                ended.printStackTrace();
            }
        });
    }

    private static double sequential(String url, int count, String mode) throws Exception {
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                submit(c, mode);
            }
            return (System.nanoTime() - start) / 1e6 / count;
        }
    }

    private static double concurrent(String url, int perClient, String mode) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Connection c = DriverManager.getConnection(url);
            c.setAutoCommit(false);
            connections.add(c);
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        for (Connection c : connections) {
            running.add(clients.submit(() -> {
                go.await();
                for (int i = 0; i < perClient; i++) {
                    submit(c, mode);
                }
                return null;
            }));
        }
        long start = System.nanoTime();
        go.countDown();
        for (Future<?> client : running) {
            client.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        for (Connection c : connections) {
            c.close();
        }
        clients.shutdown();
        return perClient * CLIENTS / seconds;
    }

    private static void submit(Connection c, String mode) throws SQLException {
        String id = UUID.randomUUID().toString().replace("-", "");
        try (PreparedStatement p = c.prepareStatement("INSERT INTO notify_cost (id, queue, state, inputs, created)"
                + " VALUES (?, 'default', 'accepted', '{}', ?) RETURNING seq")) {
            p.setString(1, id);
            p.setLong(2, System.currentTimeMillis());
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
            }
        }
        String wake = "0123456789abcdef\tdefault";
        String event = "0123456789abcdef\tstate\t" + id + "\tdefault\taccepted";
        if (mode.equals("inside")) {
            try (PreparedStatement p = c.prepareStatement("SELECT pg_notify('sluice_wake', ?), pg_notify('sluice_events', ?)")) {
                p.setString(1, wake);
                p.setString(2, event);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                }
            }
        }
        c.commit();
        if (mode.equals("batched")) {
            PENDING.add(new String[] {"sluice_wake", wake});
            PENDING.add(new String[] {"sluice_events", event});
        }
    }
}
