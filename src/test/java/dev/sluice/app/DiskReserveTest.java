package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.store.JobStore;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guarded store lets a virtual thread that waits inside the store give its carrier to others. */
class DiskReserveTest {

    @TempDir
    Path dir;

    /**
     * Run in a JVM of its own with the flag the launcher gives the server, which makes reflection call through native
     * code: there a virtual thread waiting under {@code Method.invoke} keeps its carrier.
     */
    @Test
    void virtual_threads_waiting_in_the_guarded_store_leave_their_carriers_to_other_virtual_threads() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path output = dir.resolve("output.txt");
        Process child = new ProcessBuilder(java, "-Djdk.reflect.useNativeAccessorOnly=true",
                "-cp", System.getProperty("java.class.path"), Waiters.class.getName(), dir.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertThat(child.waitFor(90, TimeUnit.SECONDS)).as("the child JVM ended").isTrue();
            assertThat(Files.readString(output, StandardCharsets.UTF_8)).contains("a virtual thread found a carrier");
        } finally {
            child.destroyForcibly();
        }
    }

    /** More virtual threads than carriers wait inside the guarded store; then one more must still get to run. */
    static final class Waiters {

        public static void main(String[] args) throws Exception {
            int waiters = Runtime.getRuntime().availableProcessors() + 1;
            CountDownLatch entered = new CountDownLatch(waiters);
            CountDownLatch gate = new CountDownLatch(1);
            // why: the store's own wait (a writer parked until the group commit that carries its write) stands in here
            JobStore waiting = (JobStore) Proxy.newProxyInstance(JobStore.class.getClassLoader(), new Class<?>[] {JobStore.class},
                    (proxy, method, arguments) -> {
                        entered.countDown();
                        gate.await();
                        return Optional.empty();
                    });
            JobStore guarded = DiskReserve.claim(Path.of(args[0])).guard(waiting);
            List<Thread> inStore = new ArrayList<>();
            for (int i = 0; i < waiters; i++) {
                inStore.add(Thread.ofVirtual().start(() -> guarded.insertIfRoom(null, 1)));
            }
            boolean allIn = entered.await(20, TimeUnit.SECONDS);
            CountDownLatch ran = new CountDownLatch(1);
            Thread.ofVirtual().start(ran::countDown);
            boolean found = ran.await(20, TimeUnit.SECONDS);
            System.out.println(allIn && found ? "a virtual thread found a carrier" : "no carrier: entered " + allIn + ", ran " + found);
            gate.countDown();
            for (Thread t : inStore) {
                t.join(TimeUnit.SECONDS.toMillis(20));
            }
            System.exit(0);
        }
    }
}
