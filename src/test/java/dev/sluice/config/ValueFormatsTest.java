package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The schema's patterns for durations and sizes accept exactly what the config's parsers accept. */
class ValueFormatsTest {

    static final List<String> DURATIONS = List.of("500ms", "30s", "10m", "2h", "7d", "1h30m", "0s", " 10m ", "1 h 30 m",
            "1m s", "10 m", "\t5s\n", "1d2h3m4s5ms", "", " ", "10", "soon", "1.5h", "-1s", "10mm", "1h\t30m", "h", "1x", "1H",
            "1s1", "ms", "1 0m", "PT1H", "1h,30m", "1h30");
    static final List<String> SIZES = List.of("512KB", "110MB", "1.5GB", "512KiB", "1024", "10 MB", "1kb", "1.5 gib", "1 i",
            "1B", " 10MB ", "1T", "1\tMB", "", "MB", "-1MB", "1.MB", ".5MB", "1 PB", "1MBB", "ten", "1,5GB", "1MB\u00a0",
            "1 M B", "1e3", "1KiBB", "0");

    @Test
    void the_duration_pattern_agrees_with_the_parser() {
        assertAgree(ValueFormats.DURATION, Durations::parse, DURATIONS);
    }

    @Test
    void the_size_pattern_agrees_with_the_parser() {
        assertAgree(ValueFormats.SIZE, DataSize::parse, SIZES);
    }

    @Test
    void sizes_and_durations_read_back_as_the_schema_writes_their_defaults() {
        assertThat(ValueFormats.size(DataSize.ofMegabytes(100))).isEqualTo("100MB");
        assertThat(ValueFormats.size(new DataSize(1536))).isEqualTo("1536");
        assertThat(DataSize.parse(ValueFormats.size(new DataSize(3L << 40))).bytes()).isEqualTo(3L << 40);
        assertThat(ValueFormats.size(new DataSize(0))).isEqualTo("0");
    }

    private static void assertAgree(String pattern, Consumer<String> parser, List<String> samples) {
        Pattern compiled = Pattern.compile(pattern);
        int accepted = 0;
        for (String sample : samples) {
            boolean parses = parses(parser, sample);
            accepted += parses ? 1 : 0;
            assertThat(compiled.matcher(sample).find()).as("pattern on '%s' (the parser %s it)", sample,
                    parses ? "accepts" : "refuses").isEqualTo(parses);
        }
        assertThat(accepted).as("samples the parser accepts").isBetween(5, samples.size() - 5);
    }

    static boolean parses(Consumer<String> parser, String sample) {
        try {
            parser.accept(sample);
            return true;
        } catch (IllegalArgumentException refused) {
            return false;
        }
    }
}
