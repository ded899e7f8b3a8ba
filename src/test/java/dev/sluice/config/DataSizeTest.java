package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DataSizeTest {

    @ParameterizedTest(name = "{0} is {1} bytes")
    @CsvSource({
            "110MB, 115343360",
            "1.5GB, 1610612736",
            "512KB, 524288",
            "512KiB, 524288",
            "2 mb, 2097152",
            "1TB, 1099511627776",
            "4096, 4096",
            "0, 0",
            "100B, 100"})
    void reads_sizes_with_binary_units(String text, long bytes) {
        assertThat(DataSize.parse(text).bytes()).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "''{0}'' is rejected")
    @ValueSource(strings = {"lots", "12XB", "-5MB", "", "MB", "1.5.2GB", "10 M B"})
    void rejects_text_that_is_not_a_size(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> DataSize.parse(text))
                .withMessageContaining("is not a size");
    }

    @Test
    void rejects_a_size_too_large_for_a_long() {
        assertThatIllegalArgumentException().isThrownBy(() -> DataSize.parse("99999999999TB"))
                .withMessageContaining("too large");
    }

    @Test
    void a_negative_byte_count_is_not_a_size() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DataSize(-1));
    }

    @Test
    void prints_the_size_in_the_largest_whole_unit() {
        assertThat(DataSize.parse("110MB")).hasToString("110 MB");
        assertThat(DataSize.parse("1.5GB")).hasToString("1.5 GB");
        assertThat(DataSize.parse("100")).hasToString("100 bytes");
    }
}
