package dev.sluice.http;

import static dev.sluice.http.Hostile.bytes;
import static dev.sluice.http.Hostile.concat;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Requests that are wrong before any body is read: paths that climb or are not UTF-8, unknown tasks and jobs,
 * broken heads, smuggling attempts. Each gets a 4xx problem document or a closed connection, over a raw socket.
 */
class HostileRequestTest extends ProblemServer {

    private static final String ID = "0123456789abcdef0123456789abcdef";

    @Test
    void paths_that_climb_name_nothing_or_are_not_utf8_are_refused() throws IOException {
        String[] paths = {"/jobs/../../etc/passwd", "/jobs/..%2f..%2fetc%2fpasswd", "/jobs/%2e%2e/%2e%2e/etc/passwd",
                "/jobs/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "/jobs/..;/..;/etc/passwd", "/jobs/%252e%252e%252fetc", "/jobs/%c0%ae%c0%ae/x",
                "/jobs/%ff%fe", "/jobs/%", "/jobs/%zz", "/jobs/%00", "/jobs/a%00b", "/jobs/" + ID + "%00",
                "/jobs/" + ID + "/results/..%2f..%2f..%2fetc%2fpasswd", "/jobs/" + ID + "/results/%2e%2e", "/jobs/" + ID + "/log/../../../etc/passwd",
                "/jobs/" + ID + "/results/../../../../etc/passwd", "//etc/passwd", "/processes/../../etc/passwd", "/processes/%2e%2e/execution",
                "/processes/echo%00/execution", "/processes/nope/execution", "/processes/" + "x".repeat(2000), "/processes/ech%6f/../../x",
                "/jobs/" + "a".repeat(6000), "/jobs?limit=%ff", "/jobs?limit=-1", "/jobs?limit=99999999999999999999", "/jobs?limit=1e3",
                "/jobs/" + ID, "/jobs/" + ID + "/results", "/jobs/" + ID + "/results/echo", "/jobs/" + ID + "/log", "/\\..\\..\\etc\\passwd",
                "/jobs/\u00e9", "/%2fetc%2fpasswd", "/sluice.py/../../etc/passwd", "/./../etc/passwd", "/jobs/.%2e/.%2e/etc/passwd"};
        SoftAssertions softly = new SoftAssertions();
        for (String path : paths) {
            String shown = path.length() > 60 ? path.substring(0, 60) + "…" : path;
            Hostile.assertRefusedOrClosed(softly, "GET " + shown, port(), concat(bytes("GET "), raw(path),
                    bytes(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")));
        }
        for (String path : new String[] {"/jobs/../../etc/passwd", "/jobs/" + ID, "/jobs/%00"}) {
            Hostile.assertRefusedOrClosed(softly, "DELETE " + path, port(), bytes("DELETE " + path
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
        }
        softly.assertAll();
        Hostile.assertStillServes(server);
    }

    @Test
    void broken_request_heads_are_refused_or_closed() throws IOException {
        Map<String, byte[]> cases = new LinkedHashMap<>();
        String post = "POST " + EXECUTE + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
        String body = "{\"inputs\": {\"text\": \"hi\"}}";
        cases.put("negative content length", bytes(post + "Content-Length: -5\r\n\r\n" + body));
        cases.put("content length not a number", bytes(post + "Content-Length: ten\r\n\r\n" + body));
        cases.put("content length overflowing", bytes(post + "Content-Length: 99999999999999999999999\r\n\r\n" + body));
        cases.put("two different content lengths", bytes(post + "Content-Length: 5\r\nContent-Length: 26\r\n\r\n" + body));
        cases.put("length and chunked (smuggling)", bytes(post + "Content-Length: 26\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
                + "GET /health HTTP/1.1\r\nHost: x\r\n\r\n"));
        cases.put("unknown transfer coding", bytes(post + "Transfer-Encoding: rot13\r\n\r\n" + body));
        cases.put("bad chunk size", bytes(post + "Transfer-Encoding: chunked\r\n\r\nzz\r\n" + body + "\r\n0\r\n\r\n"));
        cases.put("chunk size overflowing", bytes(post + "Transfer-Encoding: chunked\r\n\r\nfffffffffffffffffff\r\n" + body + "\r\n0\r\n\r\n"));
        cases.put("a header of 64 KB", bytes("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(65_536) + "\r\n\r\n"));
        cases.put("10,000 headers", bytes("GET /health HTTP/1.1\r\nHost: x\r\n" + "X-H: v\r\n".repeat(10_000) + "\r\n"));
        cases.put("a header name with a space", bytes("GET /health HTTP/1.1\r\nHost: x\r\nBad Header: v\r\n\r\n"));
        cases.put("a header with NUL", concat(bytes("GET /health HTTP/1.1\r\nHost: x\r\nX-N: a"), new byte[] {0}, bytes("b\r\n\r\n")));
        cases.put("obsolete line folding", bytes("GET /health HTTP/1.1\r\nHost: x\r\nX-F: a\r\n b\r\n\r\n"));
        cases.put("no Host in HTTP/1.1", bytes("GET /health HTTP/1.1\r\n\r\n"));
        cases.put("two Hosts", bytes("GET /health HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"));
        cases.put("unknown HTTP version", bytes("GET /health HTTP/7.3\r\nHost: x\r\n\r\n"));
        cases.put("HTTP/0.9", bytes("GET /health\r\n\r\n"));
        cases.put("HTTP/2 preface on HTTP/1", bytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"));
        cases.put("a method of symbols", bytes("G@T /health HTTP/1.1\r\nHost: x\r\n\r\n"));
        cases.put("a method of 10 KB", bytes("G".repeat(10_000) + " /health HTTP/1.1\r\nHost: x\r\n\r\n"));
        cases.put("a path of 64 KB", bytes("GET /" + "p".repeat(65_536) + " HTTP/1.1\r\nHost: x\r\n\r\n"));
        cases.put("no path", bytes("GET  HTTP/1.1\r\nHost: x\r\n\r\n"));
        cases.put("an absolute URI elsewhere", bytes("GET http://169.254.169.254/latest HTTP/1.1\r\nHost: x\r\n\r\n"));
        cases.put("CONNECT", bytes("CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n"));
        cases.put("TRACE", bytes("TRACE / HTTP/1.1\r\nHost: x\r\n\r\n"));
        cases.put("PUT on processes", bytes("PUT /processes HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"));
        cases.put("binary garbage", new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xA5, 0x01, 0x00, 0x00, (byte) 0xA1, 0x03, 0x03});
        cases.put("only line feeds", bytes("\n\n\n\n\n\n"));
        cases.put("a lone CR", bytes("GET /health HTTP/1.1\rHost: x\r\r"));
        cases.put("expect something odd", bytes(post + "Expect: 200-maybe\r\nContent-Length: 26\r\n\r\n" + body));
        cases.put("upgrade to websocket", bytes("GET /jobs HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"));
        SoftAssertions softly = new SoftAssertions();
        for (Map.Entry<String, byte[]> c : cases.entrySet()) {
            Hostile.assertRefusedOrClosed(softly, c.getKey(), port(), c.getValue());
        }
        softly.assertAll();
        Hostile.assertStillServes(server);
    }

    @Test
    void header_values_the_server_does_not_use_are_harmless_whatever_their_bytes() throws IOException {
        // why: a header value is opaque octets to HTTP; one that no route reads may be served as if it were absent
        byte[] request = concat(bytes("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-U: "),
                new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF}, bytes("\r\n\r\n"));

        RawHttp.Answer answer = RawHttp.exchangeOrClosed(port(), request).orElseThrow();

        dev.sluice.testing.HostileInputs.tried("http-raw");
        org.assertj.core.api.Assertions.assertThat(answer.statusLine()).startsWith("HTTP/1.1 200");
    }

    // --- helpers

    // why: a request the server waits to see the end of is closed by the idle timeout; short, so the test is quick
    @Override
    java.util.Map<String, String> overrides() {
        return java.util.Map.of("SLUICE_SERVER_IDLE_TIMEOUT", "2s");
    }

    private int port() {
        return server.server().port();
    }

    /** The path as the bytes a client would send, non-ASCII characters as UTF-8. */
    private static byte[] raw(String path) {
        return bytes(path);
    }
}
