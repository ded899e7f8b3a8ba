package dev.sluice.http;

import static dev.sluice.http.Hostile.bytes;
import static dev.sluice.http.Hostile.concat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HostileInputs;
import dev.sluice.testing.HttpTestClient.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** Multipart forms built to hurt: broken framing, evil file names, too many parts, invalid UTF-8. Each is a 4xx problem. */
class HostileMultipartTest extends ProblemServer {

    private static final String B = "b0undary";
    private static final String FORM = "multipart/form-data; boundary=" + B;

    @Test
    void broken_framing_is_refused() {
        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put("no closing boundary", bytes("--" + B + "\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nhi\r\n"));
        cases.put("no part at all", bytes("--" + B + "--\r\n"));
        cases.put("empty body", new byte[0]);
        cases.put("only a preamble", bytes("hello there\r\n"));
        cases.put("part without headers", bytes("--" + B + "\r\n\r\nhi\r\n--" + B + "--\r\n"));
        cases.put("part without a name", bytes("--" + B + "\r\nContent-Disposition: form-data\r\n\r\nhi\r\n--" + B + "--\r\n"));
        cases.put("part with an empty name", bytes("--" + B + "\r\nContent-Disposition: form-data; name=\"\"\r\n\r\nhi\r\n--" + B + "--\r\n"));
        cases.put("header line without a colon", bytes("--" + B + "\r\nContent-Disposition form-data name=text\r\n\r\nhi\r\n--" + B + "--\r\n"));
        cases.put("part header of 100 KB", bytes("--" + B + "\r\nContent-Disposition: form-data; name=\"text\"\r\nX-Pad: "
                + "p".repeat(100_000) + "\r\n\r\nhi\r\n--" + B + "--\r\n"));
        cases.put("nested multipart/mixed", bytes("--" + B + "\r\nContent-Disposition: form-data; name=\"data\"\r\n"
                + "Content-Type: multipart/mixed; boundary=inner\r\n\r\n--inner\r\nContent-Disposition: file; filename=\"a.txt\"\r\n\r\nx\r\n"
                + "--inner--\r\n--" + B + "--\r\n"));
        cases.put("base64 transfer encoding", bytes("--" + B + "\r\nContent-Disposition: form-data; name=\"text\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\naGk=\r\n--" + B + "--\r\n"));
        cases.put("NUL bytes between parts", concat(bytes("--" + B + "\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nhi\r\n"),
                new byte[] {0, 0, 0}, bytes("--" + B + "--\r\n")));
        cases.put("text sent twice", bytes(field("text", "hi") + field("text", "ho") + "--" + B + "--\r\n"));
        cases.put("an unknown part", bytes(field("text", "hi") + field("../../etc/passwd", "x") + "--" + B + "--\r\n"));
        cases.put("a part name of 10 KB", bytes(field("text", "hi") + field("n".repeat(10_000), "x") + "--" + B + "--\r\n"));
        cases.put("a text field of 900 KB", bytes(field("text", "a".repeat(900_000)) + "--" + B + "--\r\n"));
        assertAllRefused(FORM, cases);

        Map<String, byte[]> types = new LinkedHashMap<>();
        byte[] good = bytes(field("text", "hi") + "--" + B + "--\r\n");
        for (String type : new String[] {"multipart/form-data; boundary=", "multipart/form-data; boundary=\"\"",
                "multipart/form-data; boundary=" + "x".repeat(5000), "multipart/form-data; boundary=other",
                "multipart/form-data; boundary=" + B + "; boundary=other", "multipart/mixed; boundary=" + B,
                "multipart/form-data; charset=utf-16; boundary=" + B + "x"}) {
            types.put("content type " + (type.length() > 60 ? type.substring(0, 60) + "…" : type), good);
            assertAllRefused(type, Map.of("content type " + type.substring(0, Math.min(type.length(), 60)), good));
        }
    }

    @Test
    void framing_that_jetty_tolerates_is_read_and_checked_like_any_form() {
        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put("not form-data", bytes("--" + B + "\r\nContent-Disposition: attachment; name=\"text\"\r\n\r\nhi\r\n--" + B + "--\r\n"));
        cases.put("bare LF line ends", bytes("--" + B + "\nContent-Disposition: form-data; name=\"text\"\n\nhi\n--" + B + "--\n"));
        SoftAssertions softly = new SoftAssertions();
        cases.forEach((name, body) -> {
            Response r = http.post(EXECUTE, FORM, body);
            if (r.status() == 201) {
                HostileInputs.tried("http");
                softly.assertThat(server.awaitEnd(r.json().path("jobID").asText()).path("status").asText()).as(name).isEqualTo("successful");
            } else {
                Hostile.assertRefused(softly, name, r);
            }
        });
        softly.assertAll();
    }

    @Test
    void too_many_parts_are_refused() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            many.append(field("p" + i, ""));
        }
        Response r = http.post(EXECUTE, FORM, bytes(many + "--" + B + "--\r\n"));

        SoftAssertions softly = new SoftAssertions();
        Hostile.assertRefused(softly, "5000 parts", r);
        softly.assertAll();
        assertThat(r.json().path("detail").asText()).contains("more than 1000 parts");
    }

    @Test
    void invalid_utf8_in_a_text_field_is_refused() {
        Map<String, byte[]> cases = new LinkedHashMap<>();
        byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0x80}};
        for (byte[] b : bad) {
            cases.put("bytes " + java.util.HexFormat.of().formatHex(b) + " in text",
                    concat(bytes("--" + B + "\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nab"), b, bytes("\r\n--" + B + "--\r\n")));
            cases.put("bytes " + java.util.HexFormat.of().formatHex(b) + " in a number",
                    concat(bytes(field("text", "hi") + "--" + B + "\r\nContent-Disposition: form-data; name=\"n\"\r\n\r\n1"), b,
                            bytes("\r\n--" + B + "--\r\n")));
        }
        cases.put("NUL in text", bytes(field("text", "a\u0000b") + "--" + B + "--\r\n"));
        assertAllRefused(FORM, cases);
        Response r = http.post(EXECUTE, FORM, cases.get("bytes c328 in text"));
        assertThat(r.json().path("detail").asText()).contains("UTF-8");
    }

    @Test
    void a_client_file_name_never_places_an_upload_outside_its_job() throws IOException {
        String[] names = {"../../etc/passwd", "/etc/passwd", "..\\..\\windows\\win.ini", "C:\\evil.txt", "....//....//x.txt",
                "%2e%2e%2f%2e%2e%2fx.txt", "a/../../../b.txt", "./.hidden", "..", ".", "", " ", "x".repeat(5000) + ".txt",
                "evil.txt\u0000.png", "line\r\nbreak.txt", "\u202Etxt.exe", "con.txt", "sub/dir/x.TXT", "~/.ssh/authorized_keys",
                "file:///etc/passwd", "\"quoted\".txt"};
        SoftAssertions softly = new SoftAssertions();
        for (String name : names) {
            String shown = name.length() > 40 ? name.substring(0, 40) + "…" : name;
            Response r = http.post(EXECUTE, FORM, concat(bytes(field("text", "hi") + "--" + B + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\""
                    + name.replace("\"", "\\\"") + "\"\r\nContent-Type: text/plain\r\n\r\n"), bytes("content"), bytes("\r\n--" + B + "--\r\n")));
            if (r.status() == 201) {
                HostileInputs.tried("http");
                assertStoredInsideItsJob(softly, shown, r.json());
                http.delete("/jobs/" + r.json().path("jobID").asText());
            } else {
                Hostile.assertRefused(softly, "file name " + shown, r);
            }
        }
        softly.assertAll();
        try (Stream<Path> everything = Files.walk(dir)) {
            assertThat(everything.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.equals("passwd") || n.equals("win.ini") || n.equals("evil.txt") || n.equals("authorized_keys"));
        }
        Hostile.assertStillServes(server);
    }

    @Test
    void a_refused_form_tells_the_client_that_the_connection_closes() throws IOException {
        // why: a refused form may be left half-read and the server then closes; a client not told so loses its next request
        String request = "POST " + EXECUTE + " HTTP/1.1\r\nHost: x\r\nContent-Type: " + FORM + "\r\nContent-Length: 13\r\n\r\n"
                + "hello there\r\n";

        RawHttp.Answer answer = RawHttp.exchangeOrClosed(server.server().port(), bytes(request)).orElseThrow();

        HostileInputs.tried("http-raw");
        assertThat(answer.statusLine()).startsWith("HTTP/1.1 400");
        assertThat(answer.head()).containsIgnoringCase("Connection: close");
    }

    @Test
    void an_upload_refused_for_a_full_queue_leaves_no_file_behind() throws IOException {
        String running = server.submit("gate", "{}");
        server.awaitStatus(running, "running");
        server.submit("gate", "{}");
        server.submit("gate", "{}");

        Response r = http.multipart(EXECUTE, List.of(dev.sluice.testing.HttpTestClient.Part.field("text", "hi"),
                dev.sluice.testing.HttpTestClient.Part.file("data", "d.txt", bytes("content"))));

        assertThat(r.status()).as(r.body()).isEqualTo(503);
        try (Stream<Path> everything = Files.walk(server.dataDir().resolve("jobs"))) {
            assertThat(everything.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("data"));
        }
    }

    // --- helpers

    private void assertStoredInsideItsJob(SoftAssertions softly, String name, JsonNode accepted) {
        Path in = server.dataDir().resolve("jobs").resolve(accepted.path("jobID").asText()).resolve("in");
        try (Stream<Path> stored = Files.list(in)) {
            List<String> files = stored.map(p -> p.getFileName().toString()).toList();
            softly.assertThat(files).as("file name %s", name).singleElement().asString().matches("data(\\.[a-z0-9]{1,10})?");
        } catch (IOException e) {
            softly.fail("file name " + name + ": " + e);
        }
    }

    private void assertAllRefused(String contentType, Map<String, byte[]> cases) {
        SoftAssertions softly = new SoftAssertions();
        cases.forEach((name, body) -> Hostile.assertRefused(softly, name, http.post(EXECUTE, contentType, body)));
        softly.assertAll();
        Hostile.assertStillServes(server);
    }

    private static String field(String name, String value) {
        return "--" + B + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }
}
