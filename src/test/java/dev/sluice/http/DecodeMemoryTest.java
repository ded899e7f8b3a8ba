package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.config.DataSize;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class DecodeMemoryTest {

    @Test
    void a_decode_that_does_not_fit_beside_another_waits_until_that_one_is_done() throws Exception {
        DecodeMemory memory = new DecodeMemory(DataSize.ofMegabytes(100), Long.MAX_VALUE);
        DecodeMemory.Lease first = memory.hold(DataSize.ofMegabytes(60).bytes());
        AtomicBoolean secondHeld = new AtomicBoolean();
        Thread second = Thread.ofPlatform().start(() -> {
            try (DecodeMemory.Lease lease = memory.hold(DataSize.ofMegabytes(60).bytes())) {
                secondHeld.set(true);
            }
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> second.getState() == Thread.State.TIMED_WAITING);
        assertThat(secondHeld).isFalse();
        first.close();
        second.join(30_000);

        assertThat(secondHeld).isTrue();
    }

    @Test
    void the_rasters_get_what_the_decoder_leaves_within_the_heap_share() {
        DecodeMemory memory = new DecodeMemory(DataSize.ofMegabytes(100), DataSize.ofMegabytes(30).bytes());

        assertThat(memory.rasterBudget(0)).isEqualTo(DataSize.ofMegabytes(30).bytes());
        assertThat(memory.rasterBudget(DataSize.ofMegabytes(80).bytes())).isEqualTo(DataSize.ofMegabytes(20).bytes());
    }
}
