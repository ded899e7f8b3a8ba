package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.HostileInputs;
import dev.sluice.testing.ServerFixture;
import dev.sluice.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Beyond `max-connections`, new connections wait until others close; connections that sit idle meanwhile are
 * closed after `request-timeout` rather than `idle-timeout` (an hour here, so only the limit can close them).
 */
class ConnectionLimitTest extends ServerFixture {

    private static final int LIMIT = 4;
    private final List<Socket> held = new ArrayList<>();

    @BeforeEach
    void startServer() {
        server = TestServer.start(dir, "tasks:\n  echo: { command: [echo] }\n",
                Map.of("SLUICE_SERVER_MAX_CONNECTIONS", String.valueOf(LIMIT), "SLUICE_SERVER_IDLE_TIMEOUT", "1h",
                        "SLUICE_SERVER_REQUEST_TIMEOUT", "1s"));
    }

    @AfterEach
    void closeHeld() throws IOException {
        for (Socket socket : held) {
            socket.close();
        }
    }

    @Test
    void silent_connections_holding_every_slot_are_closed_so_that_a_new_client_is_served() throws Exception {
        for (int i = 0; i < LIMIT; i++) {
            held.add(new Socket("127.0.0.1", port()));
        }

        RawHttp.Answer answer = RawHttp.exchange(port(), "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", new byte[0]);

        assertThat(answer.statusLine()).isEqualTo("HTTP/1.1 200 OK");
        for (Socket socket : held) {
            assertThat(closedByServer(socket)).as("a silent connection was closed by the server").isTrue();
        }
        HostileInputs.tried("too-many-connections", LIMIT);
    }

    @Test
    void many_more_clients_than_the_limit_at_once_are_all_served_in_turn() {
        List<CompletableFuture<RawHttp.Answer>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            answers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return RawHttp.exchange(port(), "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", new byte[0]);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()));
        }

        for (CompletableFuture<RawHttp.Answer> answer : answers) {
            assertThat(answer.orTimeout(60, TimeUnit.SECONDS).join().statusLine()).isEqualTo("HTTP/1.1 200 OK");
        }
        HostileInputs.tried("too-many-connections", answers.size());
        assertThat(server.http().get("/health").status()).isEqualTo(200);
    }

    private int port() {
        return server.server().port();
    }

    private static boolean closedByServer(Socket socket) throws IOException {
        socket.setSoTimeout((int) TestServer.PATIENCE.toMillis());
        InputStream in = socket.getInputStream();
        try {
            return in.read() < 0;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }
}
