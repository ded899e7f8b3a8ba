package dev.sluice.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pump drains a job's output to its end even when whoever hears its lines fails. */
class OutputPumpTest {

    @Test
    void a_line_listener_that_throws_does_not_stop_the_output_from_being_drained_and_logged() {
        StringBuilder output = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            output.append("line ").append(i).append('\n');
        }
        byte[] bytes = output.toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<String> heard = new ArrayList<>();

        new OutputPump(new ByteArrayInputStream(bytes), log, line -> {
            heard.add(line);
            throw new IllegalStateException("the event hub failed");
        }).run();

        assertThat(log.toByteArray()).isEqualTo(bytes);
        assertThat(heard).hasSize(10_000).endsWith("line 9999");
    }
}
