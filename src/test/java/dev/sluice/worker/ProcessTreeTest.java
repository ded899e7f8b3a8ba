package dev.sluice.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.testing.Scripts;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What counts as a process that has ended, with real processes: a zombie has, though its handle says alive. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProcessTreeTest {

    @Test
    void a_zombie_has_exited_though_its_handle_calls_it_alive() throws Exception {
        // why: the shell's child ends soon after, when its parent has become a sleep that never reaps it
        Process parent = new ProcessBuilder("sh", "-c", "sleep 0.3 & echo $!; exec sleep 30").start();
        try {
            long child;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.US_ASCII))) {
                child = Long.parseLong(out.readLine().trim());
                await().atMost(Duration.ofSeconds(20)).until(() -> !Scripts.alive(child));
                ProcessHandle zombie = ProcessHandle.of(child).orElseThrow();

                assertThat(zombie.isAlive()).as("the JDK's view of a zombie").isTrue();
                assertThat(ProcessTree.exited(zombie)).isTrue();
            }
            assertThat(ProcessTree.exited(parent.toHandle())).as("the sleeping parent").isFalse();
        } finally {
            parent.destroyForcibly().waitFor();
        }
        assertThat(ProcessTree.exited(parent.toHandle())).as("reaped").isTrue();
    }
}
