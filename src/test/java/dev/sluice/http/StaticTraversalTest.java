package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.ServerFixture;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Paths written to climb out of a mounted folder, sent raw as an attacker would: none reaches the file beside it. */
class StaticTraversalTest extends ServerFixture {

    private static final String[] ATTEMPTS = {
        "/../outside/secret.txt",
        "/docs/../../outside/secret.txt",
        "/%2e%2e/outside/secret.txt",
        "/%2E%2E/outside/secret.txt",
        "/docs/%2e%2e/%2e%2e/outside/secret.txt",
        "/..%2foutside%2fsecret.txt",
        "/%2e%2e%2foutside%2fsecret.txt",
        "/docs/..%2f..%2foutside/secret.txt",
        "/..\\outside\\secret.txt",
        "/%5c..%5coutside%5csecret.txt",
        "/..%5c..%5coutside%5csecret.txt",
        "/%252e%252e/outside/secret.txt",
        "/%252e%252e%252foutside%252fsecret.txt",
        "/.%2e/outside/secret.txt",
        "/hello.txt%00.png",
        "/%c0%ae%c0%ae/outside/secret.txt",
        "//outside/secret.txt",
        "/app/../../outside/secret.txt",
        "/app/%2e%2e/%2e%2e/outside/secret.txt",
        "/linked-dir/../outside/secret.txt",
    };

    private int port;

    @BeforeEach
    void startServer() throws IOException {
        StaticSite.write(dir);
        start(StaticFilesTest.CONFIG);
        port = URI.create(server.http().base()).getPort();
    }

    @Test
    void no_path_reaches_a_file_outside_the_folder() throws IOException {
        for (String path : ATTEMPTS) {
            String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
            Optional<RawHttp.Answer> answer = RawHttp.exchangeOrClosed(port, request.getBytes(StandardCharsets.ISO_8859_1));
            if (answer.isEmpty()) {
                continue;
            }
            String status = answer.get().statusLine();
            assertThat(status).as(path).matches("HTTP/1.1 (400|404) .*");
            assertThat(answer.get().body()).as(path).doesNotContain("TOP SECRET").doesNotContain("at org.eclipse");
        }
    }

    @Test
    void the_same_request_for_a_file_inside_is_served_so_the_attempts_are_tested_for_real() throws IOException {
        String request = "GET /docs/%69ndex.html HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
        RawHttp.Answer answer = RawHttp.exchangeOrClosed(port, request.getBytes(StandardCharsets.ISO_8859_1)).orElseThrow();

        assertThat(answer.statusLine()).startsWith("HTTP/1.1 200");
        assertThat(answer.body()).contains("<title>docs</title>");
    }
}
