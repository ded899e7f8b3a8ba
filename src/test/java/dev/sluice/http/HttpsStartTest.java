package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.testing.TestCertificates;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting with `server.tls`: a plain port taken stops the start by name; a job's event stream flows over HTTP/2. */
class HttpsStartTest {

    @TempDir
    Path dir;

    private final TestCertificates ca = TestCertificates.newAuthority("Sluice Test CA");

    @Test
    void a_plain_listener_port_in_use_stops_the_start_naming_http_listen() throws Exception {
        ca.issue(dir.resolve("live"));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> HttpsServer.start(dir, """
                        cert: live/fullchain.pem
                        key: live/privkey.pem
                        http-listen: 127.0.0.1:%d
                    """.formatted(taken.getLocalPort())))
                    .hasMessageContaining("http-listen").hasMessageContaining(String.valueOf(taken.getLocalPort()));
        }
    }

    @Test
    void a_jobs_event_stream_flows_over_http_2() throws Exception {
        ca.issue(dir.resolve("live"));
        try (HttpsServer server = HttpsServer.start(dir, "    cert: live/fullchain.pem\n    key: live/privkey.pem\n")) {
            HttpClient client = HttpsServer.client(ca.clientContext(), HttpClient.Version.HTTP_2);
            HttpResponse<String> created = client.send(HttpRequest.newBuilder(server.uri("/processes/echo/execution"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": {}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String id = new ObjectMapper().readTree(created.body()).path("jobID").asText();

            HttpResponse<InputStream> events = client.send(HttpRequest.newBuilder(server.uri("/jobs/" + id + "/events"))
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofInputStream());

            assertThat(events.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(events.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(events.body(), StandardCharsets.UTF_8))) {
                String line;
                boolean ended = false;
                while (!ended && (line = lines.readLine()) != null) {
                    ended = line.contains("successful");
                }
                assertThat(ended).as("the stream told of the job's end").isTrue();
            }
        }
    }
}
