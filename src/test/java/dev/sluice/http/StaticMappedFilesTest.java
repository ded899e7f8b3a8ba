package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.TestCertificates;
import dev.sluice.testing.ServerFixture;
import dev.sluice.testing.TestServer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A large file of a prefixed mount is sent from a mapping kept for it: whole, in ranges, and always as the file now
 * is, whether it was replaced by another (same name, size and time, another inode) or cut short in place.
 */
class StaticMappedFilesTest extends ServerFixture {

    private static final String CONFIG = """
            tasks:
              noop: { command: [true] }
            static:
              "/files": ./site
            """;
    private static final FileTime SAME_TIME = FileTime.fromMillis(1_700_000_000_000L);

    private HttpTestClient http;
    private Path big;

    @BeforeEach
    void startServer() throws IOException {
        big = dir.resolve("site/big.bin");
        Files.createDirectories(big.getParent());
        write(big, bytes(1 << 20 | 123, 1));
        server = TestServer.start(dir, CONFIG);
        http = server.http();
    }

    @Test
    void a_large_file_is_sent_whole_in_ranges_and_by_head() {
        byte[] content = bytes(1 << 20 | 123, 1);

        HttpTestClient.Response whole = http.get("/files/big.bin");
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.bytes()).isEqualTo(content);
        assertThat(http.get("/files/big.bin").bytes()).isEqualTo(content);
        HttpTestClient.Response middle = http.get("/files/big.bin", Map.of("Range", "bytes=100000-300000"));
        assertThat(middle.status()).isEqualTo(206);
        assertThat(middle.header("Content-Range")).isEqualTo("bytes 100000-300000/" + content.length);
        assertThat(middle.bytes()).isEqualTo(Arrays.copyOfRange(content, 100000, 300001));
        HttpTestClient.Response tail = http.get("/files/big.bin", Map.of("Range", "bytes=-70000"));
        assertThat(tail.bytes()).isEqualTo(Arrays.copyOfRange(content, content.length - 70000, content.length));
        HttpTestClient.Response head = http.send(http.builder("/files/big.bin")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(content.length));
        assertThat(head.bytes()).isEmpty();
    }

    @Test
    void a_file_replaced_by_one_of_the_same_name_size_and_time_is_sent_as_it_now_is() throws IOException {
        assertThat(http.get("/files/big.bin").bytes()).isEqualTo(bytes(1 << 20 | 123, 1));
        Path next = dir.resolve("site/.next");
        write(next, bytes(1 << 20 | 123, 2));
        Files.move(next, big, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(big, SAME_TIME);

        assertThat(http.get("/files/big.bin").bytes()).isEqualTo(bytes(1 << 20 | 123, 2));
    }

    @Test
    void a_file_cut_short_or_grown_in_place_is_sent_as_it_now_is() throws IOException {
        assertThat(http.get("/files/big.bin").bytes()).hasSize(1 << 20 | 123);
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(70_000);
        }
        byte[] shorter = Arrays.copyOf(bytes(1 << 20 | 123, 1), 70_000);
        assertThat(http.get("/files/big.bin").bytes()).isEqualTo(shorter);

        byte[] longer = bytes(2 << 20, 3);
        Files.write(big, longer);
        assertThat(http.get("/files/big.bin").bytes()).isEqualTo(longer);
        // why: a small file is read at once, never mapped
        Files.write(big, bytes(1000, 4));
        assertThat(http.get("/files/big.bin").bytes()).isEqualTo(bytes(1000, 4));
    }

    @Test
    void a_large_file_is_sent_whole_and_in_ranges_over_tls_by_http_1_1_and_http_2() throws Exception {
        // why: a second server beside the one over plain HTTP, with a data folder of its own
        Path tls = dir.resolve("tls");
        TestCertificates ca = TestCertificates.newAuthority("Sluice Test CA");
        ca.issue(tls.resolve("live"));
        byte[] content = bytes(1 << 20 | 123, 1);
        Files.createDirectories(tls.resolve("site"));
        write(tls.resolve("site/big.bin"), content);
        try (HttpsServer https = HttpsServer.start(tls, "", """
                    cert: live/fullchain.pem
                    key: live/privkey.pem
                """, """
                static:
                  "/files": ./site
                """)) {
            for (HttpClient.Version version : List.of(HttpClient.Version.HTTP_1_1, HttpClient.Version.HTTP_2)) {
                HttpClient client = HttpsServer.client(ca.clientContext(), version);
                HttpResponse<byte[]> whole = client.send(HttpRequest.newBuilder(https.uri("/files/big.bin")).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                HttpResponse<byte[]> part = client.send(HttpRequest.newBuilder(https.uri("/files/big.bin"))
                        .header("Range", "bytes=500000-").build(), HttpResponse.BodyHandlers.ofByteArray());

                assertThat(whole.version()).isEqualTo(version);
                assertThat(whole.body()).isEqualTo(content);
                assertThat(part.statusCode()).isEqualTo(206);
                assertThat(part.body()).isEqualTo(Arrays.copyOfRange(content, 500000, content.length));
            }
        }
    }

    private static void write(Path file, byte[] content) throws IOException {
        Files.write(file, content);
        Files.setLastModifiedTime(file, SAME_TIME);
    }

    private static byte[] bytes(int length, long seed) {
        byte[] content = new byte[length];
        new Random(seed).nextBytes(content);
        return content;
    }
}
