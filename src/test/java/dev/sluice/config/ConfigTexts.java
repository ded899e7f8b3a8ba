package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A config written inline in a test, read as `sluice.yaml` in {@code dir}: the config, or the problems it has. */
final class ConfigTexts {

    private ConfigTexts() {
    }

    static SluiceConfig parse(Path dir, String yaml) throws ConfigException {
        return new ConfigLoader().parse(yaml, "sluice.yaml", dir, Map.of());
    }

    static List<String> problems(Path dir, String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse(dir, yaml));
        assertThat(e).as("the config is refused").isNotNull();
        return e.problems();
    }
}
