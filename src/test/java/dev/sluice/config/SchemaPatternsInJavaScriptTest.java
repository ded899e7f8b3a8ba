package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.testing.Requirements;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Editors match the schema's patterns with JavaScript's RegExp (the YAML language server runs on Node), not Java's:
 * Debian's node compiles each pattern as an editor does and must agree with the config's parsers on every sample.
 */
class SchemaPatternsInJavaScriptTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path NODE = Path.of("/usr/bin/node");

    @TempDir
    Path dir;

    @Test
    void node_matches_durations_and_sizes_as_the_parsers_read_them() throws Exception {
        Requirements.require(Files.isExecutable(NODE), "needs Node.js (apt-get install nodejs)");
        Path script = dir.resolve("match.js");
        Files.writeString(script, """
                const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
                const out = {};
                for (const [name, check] of Object.entries(input)) {
                  const re = new RegExp(check.pattern, 'u');
                  out[name] = check.samples.map(s => re.test(s));
                }
                process.stdout.write(JSON.stringify(out));
                """);
        Map<String, Object> input = Map.of(
                "duration", Map.of("pattern", ValueFormats.DURATION, "samples", ValueFormatsTest.DURATIONS),
                "size", Map.of("pattern", ValueFormats.SIZE, "samples", ValueFormatsTest.SIZES));

        JsonNode matched = JSON.readTree(run(script, JSON.writeValueAsString(input)));

        assertSameAsParser(matched.get("duration"), ValueFormatsTest.DURATIONS, Durations::parse);
        assertSameAsParser(matched.get("size"), ValueFormatsTest.SIZES, DataSize::parse);
    }

    private static void assertSameAsParser(JsonNode matched, List<String> samples, Consumer<String> parser) {
        assertThat(matched).hasSize(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            assertThat(matched.get(i).asBoolean()).as("JavaScript on '%s'", samples.get(i))
                    .isEqualTo(ValueFormatsTest.parses(parser, samples.get(i)));
        }
    }

    private static String run(Path script, String stdin) throws Exception {
        Process node = new ProcessBuilder(NODE.toString(), script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            node.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            node.getOutputStream().close();
            String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(node.waitFor(30, TimeUnit.SECONDS)).as("node ended").isTrue();
            assertThat(node.exitValue()).as("node's exit code").isZero();
            return out;
        } finally {
            node.destroyForcibly();
        }
    }
}
