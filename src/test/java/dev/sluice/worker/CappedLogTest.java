package dev.sluice.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The position a capped log tells its line listener: how much of the file holds what was written. */
class CappedLogTest {

    @Test
    void the_position_counts_from_where_the_file_already_ended() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        CappedLog log = new CappedLog(file, 1000, 40);

        log.write(bytes("one\n"));
        log.write(bytes("two\n"));

        assertThat(log.position()).isEqualTo(48);
    }

    @Test
    void past_the_head_the_file_no_longer_holds_what_was_written() throws IOException {
        CappedLog log = new CappedLog(new ByteArrayOutputStream(), 100, 0);

        log.write(bytes("x".repeat(75)));
        assertThat(log.position()).isEqualTo(75);
        log.write(bytes("y\n"));

        assertThat(log.position()).isEqualTo(CappedLog.NOT_IN_FILE);
    }

    @Test
    void after_a_failed_write_the_position_says_the_file_does_not_hold_the_lines() throws IOException {
        OutputStream full = new OutputStream() {
            private int written;

            @Override
            public void write(int b) throws IOException {
                if (++written > 4) {
                    throw new IOException("No space left on device");
                }
            }
        };
        CappedLog log = new CappedLog(full, 1000, 0);
        log.write(bytes("one\n"));
        assertThat(log.position()).isEqualTo(4);

        assertThatThrownBy(() -> log.write(bytes("two\n"))).isInstanceOf(IOException.class);

        assertThat(log.position()).isEqualTo(CappedLog.NOT_IN_FILE);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
