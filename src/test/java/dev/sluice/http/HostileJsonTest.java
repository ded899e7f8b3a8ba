package dev.sluice.http;

import static dev.sluice.http.Hostile.bytes;
import static dev.sluice.http.Hostile.concat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.HttpTestClient.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** JSON submissions built to hurt: malformed, mistyped, huge, deep, with NULs and invalid UTF-8. Each is a 4xx problem. */
class HostileJsonTest extends ProblemServer {

    private static final int MAX_UPLOAD = 1 << 20;  // the test server's

    @Test
    void malformed_json_is_refused() {
        Map<String, byte[]> cases = new LinkedHashMap<>();
        for (String text : new String[] {"{", "}", "{\"inputs\":", "{\"inputs\": {\"text\": \"hi\",}}", "{\"a\" 1}", "nul",
                "'single'", "{\"inputs\": {\"text\": 'hi'}}", "{inputs: {}}", "{\"inputs\": {\"text\": \"hi\"}} trailing",
                "{} {}", "[", "\"", "{\"inputs\": {\"text\": \"\\x41\"}}", "{\"inputs\": {\"text\": \"\\u12\"}}",
                "{\"inputs\": {\"n\": 0x10}}", "{\"inputs\": {\"n\": NaN}}", "{\"inputs\": {\"n\": Infinity}}",
                "{\"inputs\": {\"n\": -}}", "{\"inputs\": {\"n\": .5}}", "{\"inputs\": {\"n\": 01}}", "/* comment */ {}",
                "{\"inputs\": {\"text\": \"hi\"} // comment\n}", "\u0000", "\t \r\n ", "{\"inputs\": {\"text\": \"line\nbreak\"}}"}) {
            cases.put("malformed " + text, bytes(text));
        }
        cases.put("raw NUL in a string", concat(bytes("{\"inputs\": {\"text\": \"a"), new byte[] {0}, bytes("b\"}}")));
        cases.put("raw control character in a string", concat(bytes("{\"inputs\": {\"text\": \"a"), new byte[] {1}, bytes("\"}}")));
        assertAllRefused(cases);
    }

    // why: a file input in JSON is base64 content, so a server path in its place is refused as such, never read
    @Test
    void a_server_path_given_for_a_file_input_is_refused_as_content_never_opened() {
        Response r = http.postJson(EXECUTE, "{\"inputs\": {\"text\": \"hi\", \"data\": \"/etc/passwd\"}}");

        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().path("input").asText()).isEqualTo("data");
        assertThat(r.body()).contains("not base64").doesNotContain("root:");
        assertThat(server.dataDir().resolve("jobs")).satisfiesAnyOf(
                jobs -> assertThat(jobs).doesNotExist(), jobs -> assertThat(jobs).isEmptyDirectory());
    }

    @Test
    void values_of_the_wrong_type_are_refused() {
        Map<String, String> cases = new LinkedHashMap<>();
        for (String body : new String[] {"\"text\"", "42", "null", "true", "[]", "[1, 2]"}) {
            cases.put("body " + body, body);
        }
        for (String inputs : new String[] {"\"hi\"", "1", "true", "[\"hi\"]", "[{\"text\": \"hi\"}]"}) {
            cases.put("inputs " + inputs, "{\"inputs\": " + inputs + "}");
        }
        String[][] values = {{"text", "42"}, {"text", "true"}, {"text", "{}"}, {"text", "{\"value\": 1}"}, {"text", "{\"href\": \"file:///etc/passwd\"}"},
                {"text", "{\"value\": {\"value\": \"hi\"}}"}, {"text", "null"}, {"n", "\"many\""}, {"n", "true"}, {"n", "[1]"}, {"n", "{}"},
                {"n", "1.5"}, {"n", "\"1e3\""}, {"ratio", "\"0x1p3\""}, {"ratio", "\" \""}, {"ratio", "\"\""}, {"flag", "\"TRUE\""},
                {"flag", "0"}, {"flag", "\"\""}, {"colour", "\"RED\""}, {"colour", "\"red \""}, {"data", "\"/etc/passwd is no base64\""},
                {"data", "{\"href\": \"http://169.254.169.254/\"}"}};
        for (String[] v : values) {
            cases.put(v[0] + " = " + v[1], "{\"inputs\": {\"text\": \"hi\", \"" + v[0] + "\": " + v[1] + "}}".replace("\"text\": \"hi\", \"text\"", "\"text\""));
        }
        cases.put("unknown input", "{\"inputs\": {\"text\": \"hi\", \"../../etc/passwd\": 1}}");
        cases.put("input named out", "{\"inputs\": {\"text\": \"hi\", \"out\": \"/tmp\"}}");
        cases.put("missing required", "{\"inputs\": {}}");
        cases.put("empty object", "{}");
        Map<String, byte[]> asBytes = new LinkedHashMap<>();
        cases.forEach((name, body) -> asBytes.put(name, bytes(body)));
        assertAllRefused(asBytes);
    }

    @Test
    void huge_strings_and_numbers_are_refused() {
        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put("a string of 900 KB", bytes("{\"inputs\": {\"text\": \"" + "a".repeat(900_000) + "\"}}"));
        cases.put("an input name of 500 KB", bytes("{\"inputs\": {\"" + "n".repeat(500_000) + "\": 1}}"));
        cases.put("a key of 100 KB at the top", bytes("{\"" + "k".repeat(100_000) + "\": 1}"));
        cases.put("100,000 unknown inputs", bytes("{\"inputs\": {" + manyKeys(100_000) + "}}"));
        cases.put("a string with a million escapes", bytes("{\"inputs\": {\"text\": \"" + "\\u0041".repeat(150_000) + "\"}}"));
        for (String number : new String[] {"1e999999999", "-1e-999999999", "1E+2147483648", "1e400", "-1e400",
                "9".repeat(5000), "0." + "0".repeat(5000) + "1", "123456789012345678901234567890", "1" + "0".repeat(400),
                "-9223372036854775809", "9223372036854775808", "1e-400", "-1e-999", "2e-400"}) {
            String shown = number.length() > 40 ? number.substring(0, 40) + "…" : number;
            cases.put("n = " + shown, bytes("{\"inputs\": {\"text\": \"hi\", \"n\": " + number + "}}"));
            cases.put("ratio = " + shown, bytes("{\"inputs\": {\"text\": \"hi\", \"ratio\": " + number + "}}"));
            cases.put("dose = \"" + shown + "\"", bytes("{\"inputs\": {\"text\": \"hi\", \"dose\": \"" + number + "\"}}"));
        }
        assertAllRefused(cases);
    }

    @Test
    void deeply_nested_json_is_refused() {
        Map<String, byte[]> cases = new LinkedHashMap<>();
        for (int depth : new int[] {65, 200, 1_000, 5_000, 100_000}) {
            cases.put("arrays " + depth + " deep as a value", bytes("{\"inputs\": {\"text\": " + "[".repeat(depth) + "]".repeat(depth) + "}}"));
            // why: without spaces, so that 100,000 levels stay under the body limit and are refused by the parser for their
            // depth, not by their declared size (a body over the limit has a test of its own below)
            cases.put("objects " + depth + " deep as a value",
                    bytes("{\"inputs\": {\"text\": " + "{\"value\":".repeat(depth) + "1" + "}".repeat(depth) + "}}"));
            cases.put("arrays " + depth + " deep, unclosed", bytes("[".repeat(depth)));
        }
        cases.forEach((name, body) -> assertThat(body.length).as("%s is within the test server's max-upload", name).isLessThan(MAX_UPLOAD));
        assertAllRefused(cases, "nesting depth");
    }

    // why: the server refused such a body before reading it and closed the connection while it still arrived; a
    // client that writes its whole body before reading (as this one does) then sometimes got "Broken pipe", not 413
    @Test
    void a_body_over_the_limit_is_answered_413_to_a_client_that_writes_it_whole_before_reading() {
        byte[] oversized = bytes("{\"inputs\": {\"text\": \"" + "x".repeat(3 << 19) + "\"}}");
        for (int attempt = 1; attempt <= 20; attempt++) {
            Response r = http.post(EXECUTE, "application/json", oversized);
            assertThat(r.status()).as("attempt %d: %s", attempt, r.body()).isEqualTo(413);
            assertThat(r.json().path("limit").asLong()).isEqualTo(1L << 20);
        }
        Hostile.assertStillServes(server);
    }

    @Test
    void nul_characters_anywhere_are_refused() {
        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put("NUL in a value", bytes("{\"inputs\": {\"text\": \"a\\u0000b\"}}"));
        cases.put("NUL in an input name", bytes("{\"inputs\": {\"text\": \"hi\", \"te\\u0000xt\": \"a\"}}"));
        cases.put("NUL in a number as text", bytes("{\"inputs\": {\"text\": \"hi\", \"n\": \"1\\u0000\"}}"));
        cases.put("NUL in an enum value", bytes("{\"inputs\": {\"text\": \"hi\", \"colour\": \"red\\u0000\"}}"));
        cases.put("NUL in a boolean as text", bytes("{\"inputs\": {\"text\": \"hi\", \"flag\": \"true\\u0000\"}}"));
        cases.put("NUL bytes before the body", concat(new byte[] {0, 0, 0}, bytes("{\"inputs\": {\"text\": \"hi\"}}")));
        assertAllRefused(cases);
    }

    @Test
    void invalid_utf8_is_refused() {
        Map<String, byte[]> cases = new LinkedHashMap<>();
        byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xFE, (byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF},
                {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}, {(byte) 0xE2, (byte) 0x82}};
        for (byte[] b : bad) {
            String hex = java.util.HexFormat.of().formatHex(b);
            cases.put("bytes " + hex + " in a value", concat(bytes("{\"inputs\": {\"text\": \"a"), b, bytes("\"}}")));
            cases.put("bytes " + hex + " in a name", concat(bytes("{\"inputs\": {\"text\": \"hi\", \"x"), b, bytes("\": 1}}")));
        }
        cases.put("UTF-16 body", "{\"inputs\": {\"text\": \"hi\"}}".getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
        cases.put("Latin-1 body", "{\"inputs\": {\"text\": \"h\u00e9\"}}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertAllRefused(cases);
    }

    // --- helpers

    private void assertAllRefused(Map<String, byte[]> cases) {
        assertAllRefused(cases, "");
    }

    /** Each case gets a 4xx problem whose body contains {@code reason}. */
    private void assertAllRefused(Map<String, byte[]> cases, String reason) {
        SoftAssertions softly = new SoftAssertions();
        cases.forEach((name, body) -> {
            Response r = http.post(EXECUTE, "application/json", body);
            String shown = name.length() > 80 ? name.substring(0, 80) + "…" : name;
            Hostile.assertRefused(softly, shown, r);
            softly.assertThat(r.body()).as("%s: says why", shown).contains(reason);
        });
        softly.assertAll();
        Hostile.assertStillServes(server);
    }

    private static String manyKeys(int count) {
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < count; i++) {
            keys.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
        }
        return keys.toString();
    }
}
