package dev.sluice.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.config.ConfigException;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.SluiceConfig;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The built-in demo's config: its tasks run the demo classes of this very jar in child JVMs. */
public final class DemoConfig {

    // why: small, quick-starting child JVMs; a demo task needs neither a big heap nor the optimising compiler
    private static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m",
            "-XX:-UsePerfData", "-Xss512k");
    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoConfig() {
    }

    public static SluiceConfig load(Map<String, String> env) throws ConfigException {
        return new ConfigLoader().parse(text(), "sluice-demo.yaml", Path.of("").toAbsolutePath(), env);
    }

    static String text() {
        return text("");
    }

    /**
     * The demo's config with {@code moreTasks} (YAML lines at the indentation of a task under {@code tasks:}, the demo's
     * last section) added; they may use the placeholders ${java}, ${jvm-flags} and ${classpath} as the demo's do.
     */
    static String text(String moreTasks) {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        try (InputStream in = DemoConfig.class.getResourceAsStream("/demo/sluice-demo.yaml")) {
            String template = new String(in.readAllBytes(), StandardCharsets.UTF_8) + moreTasks;
            return template.replace("${java}", quoted(java))
                    .replace("${jvm-flags}", String.join(", ", JVM_FLAGS.stream().map(DemoConfig::quoted).toList()))
                    .replace("${classpath}", quoted(absolute(System.getProperty("java.class.path"))));
        } catch (IOException e) {
            throw new UncheckedIOException("the demo config is missing from the jar", e);
        }
    }

    // why: a task runs in its job's folder, where a class path given relative to where the demo started (`java -jar
    // target/sluice.jar demo`) would find nothing
    static String absolute(String classPath) {
        return Arrays.stream(classPath.split(File.pathSeparator, -1)).map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    // why: a JSON string is a valid YAML double-quoted scalar, whatever characters the path holds
    private static String quoted(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
