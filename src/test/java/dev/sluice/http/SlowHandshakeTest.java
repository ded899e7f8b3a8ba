package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.TestCertificates;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TLS handshake sent a byte at a time is never idle, so only the request timeout can end it. The idle timeout is
 * an hour here; the bound on the wait is generous and only proves nothing hangs.
 * why 3s and not 1s: the first honest handshake of a cold JVM on a busy machine can itself take over a second.
 */
class SlowHandshakeTest {

    @TempDir
    Path dir;

    @Test
    void a_handshake_sent_one_byte_at_a_time_is_cut_off_after_the_request_timeout() throws IOException {
        TestCertificates ca = TestCertificates.newAuthority("Sluice Test CA");
        ca.issue(dir.resolve("live"));
        try (HttpsServer server = HttpsServer.start(dir, "  request-timeout: 3s\n  idle-timeout: 1h\n",
                "    cert: live/fullchain.pem\n    key: live/privkey.pem\n")) {
            // why: a record header announcing a 500-byte ClientHello; the rest follows a byte every 200 ms (100 s in all)
            byte[] header = {0x16, 0x03, 0x01, 0x01, (byte) 0xf4};
            try (Trickle client = Trickle.start(server.port(), "", concat(header, new byte[500]), Duration.ofMillis(200))) {
                String answer = client.readUntilClosed(Duration.ofSeconds(60));

                assertThat(answer).isEmpty();
            }
            assertThat(HttpsServer.get(HttpsServer.client(ca.clientContext(), HttpClient.Version.HTTP_2), server.uri("/health"))
                    .statusCode()).isEqualTo(200);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
