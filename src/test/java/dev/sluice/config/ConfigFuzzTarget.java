package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.sluice.testing.HostileInputs;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuzz target: whatever text and environment it is given, the config loader returns a config or a
 * {@link ConfigException} whose every problem says where it is (the file or the variable); it never throws
 * anything else. Inputs: arbitrary text, and valid configs with one line or one value replaced by the fuzzer's.
 */
public final class ConfigFuzzTarget {

    private static final List<String> SEEDS = List.of("""
            server:
              listen: 127.0.0.1:8080
              max-upload: 110MB
              request-timeout: 20s
            storage: { data-dir: data, durability: crash }
            queues:
              heavy: { concurrency: 2, max-waiting: 50 }
            tasks:
              compare:
                command: [python3, compare.py, "{reference}", "{threshold}", "{out}"]
                queue: heavy
                env: { PYTHONPATH: ./lib }
                inputs:
                  reference: { type: image, max-dimension: 6000, max-size: 50MB }
                  threshold: { type: number, default: 0.8, min: 0, max: 1, step: 0.05 }
                  label: { type: string, max-length: 40, pattern: "[a-z0-9 ]*", required: false }
                  method: { type: string, enum: [fast, exact], default: fast }
                  table: { type: file, accept: [text/csv, application/json], required: false }
                outputs:
                  score: { file: score.txt, type: number }
                  report: { file: report.html }
                limits: { timeout: 10m, memory: 1.2GB, threads: 1, kill-grace: 5s, max-log: 10MB }
                retries: 1
            """, """
            tasks:
              echo:
                mode: warm
                command: [python3, worker.py]
                limits: { startup-timeout: 30s, max-jobs-per-worker: 10 }
                outputs:
                  out: { file: sub/out.json, type: json, optional: true }
            node: { memory-budget: 1GB }
            """);

    private final ConfigLoader loader = new ConfigLoader();
    private final Path dir;

    public ConfigFuzzTarget(Path dir) {
        this.dir = dir;
    }

    public void fuzz(FuzzedDataProvider data) {
        HostileInputs.tried("config-fuzz");
        String seed = SEEDS.get(data.consumeInt(0, SEEDS.size() - 1));
        String text = switch (data.consumeInt(0, 2)) {
            case 0 -> data.consumeString(2000);
            case 1 -> replaceLine(seed, data.consumeInt(0, 40), data.consumeString(200));
            default -> replaceValue(seed, data.consumeInt(0, 60), data.consumeString(100));
        };
        Map<String, String> env = new HashMap<>();
        if (data.consumeBoolean()) {
            env.put("SLUICE_" + data.consumeAsciiString(40), data.consumeString(100));
        }
        try {
            loader.parse(text, "fuzz.yaml", dir, env);
        } catch (ConfigException refused) {
            assertThat(refused.problems()).isNotEmpty().allSatisfy(problem ->
                    assertThat(problem).matches("(?s)(fuzz\\.yaml|environment variable SLUICE_).*\\S.*"));
        }
    }

    private static String replaceLine(String seed, int index, String line) {
        String[] lines = seed.split("\n", -1);
        lines[index % lines.length] = line;
        return String.join("\n", lines);
    }

    // why: keeps the structure and changes one value, so the fuzzer reaches the binder and the validator, not only the parser
    private static String replaceValue(String seed, int index, String value) {
        String[] lines = seed.split("\n", -1);
        String line = lines[index % lines.length];
        int colon = line.indexOf(": ");
        if (colon >= 0) {
            lines[index % lines.length] = line.substring(0, colon + 2) + value;
        }
        return String.join("\n", lines);
    }
}
