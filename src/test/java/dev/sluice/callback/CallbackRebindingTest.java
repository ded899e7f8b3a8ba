package dev.sluice.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.config.CallbacksConfig;
import dev.sluice.store.Job;
import dev.sluice.store.JobId;
import dev.sluice.store.JobOutcome;
import dev.sluice.store.JobState;
import dev.sluice.store.JobStore;
import dev.sluice.store.NewJob;
import dev.sluice.store.SqliteJobStore;
import dev.sluice.store.Subscriber;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At delivery the host name is looked up again, every address checked, and the socket goes to the address checked:
 * a name the system cannot resolve still reaches the receiver through the lookup's answer, and a name that now
 * answers with a refused address is not called at all (DNS rebinding).
 */
class CallbackRebindingTest {

    @TempDir
    Path dir;

    private final AtomicReference<InetAddress[]> dns = new AtomicReference<>();
    private final List<String> outcomes = new CopyOnWriteArrayList<>();
    private JobStore store;
    private CallbackReceiver receiver;
    private CallbackDeliveries deliveries;

    @BeforeEach
    void start() throws Exception {
        store = SqliteJobStore.open(dir.resolve("sluice.db"), Clock.systemUTC());
        receiver = new CallbackReceiver();
        CallbacksConfig config = new CallbacksConfig(true, Duration.ofSeconds(10), 1, null, List.of("127.0.0.1/32"));
        deliveries = new CallbackDeliveries(config, new CallbackTargets(config, host -> dns.get()), Clock.systemUTC(), outcomes::add,
                tls(SSLContext.getDefault()));
        // why: the documents are the HTTP layer's to render (tested with the real server); here only where they go matters
        deliveries.start(store.callbacks(), new CallbackBodies() {
            public Optional<String> statusDocument(Job job, Optional<String> origin) {
                return Optional.of("{}");
            }

            public Optional<String> resultsDocument(Job job, Optional<String> origin) {
                return Optional.of("{\"job\":\"" + job.id() + "\"}");
            }

            public Optional<String> problemDocument(Job job, Optional<String> origin) {
                return Optional.of("{}");
            }
        });
    }

    @AfterEach
    void stop() {
        deliveries.stop(Duration.ofSeconds(5));
        receiver.close();
        store.close();
    }

    @Test
    void the_socket_goes_to_the_address_the_lookup_answered_and_checked() throws Exception {
        dns.set(new InetAddress[] {InetAddress.getByName("127.0.0.1")});
        Job done = succeeded("http://hooks.rebind.invalid:" + receiver.port() + "/done");

        deliveries.stateChanged(done);

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.at("/done").size() == 1);
        assertThat(receiver.at("/done").getFirst().host()).isEqualTo("hooks.rebind.invalid:" + receiver.port());
        assertThat(receiver.at("/done").getFirst().body()).contains(done.id().value());
    }

    @Test
    void a_name_that_now_answers_with_a_refused_address_is_not_called() throws Exception {
        Job done = succeeded("http://hooks.rebind.invalid:" + receiver.port() + "/done");
        dns.set(new InetAddress[] {InetAddress.getByName("127.0.0.1"), InetAddress.getByName("127.0.0.2")});

        deliveries.stateChanged(done);

        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes.contains("failed") && store.callbacks().pending().isEmpty());
        assertThat(receiver.at("/done")).isEmpty();
    }

    private Job succeeded(String successUri) {
        JobId id = JobId.random();
        store.insertIfRoom(new NewJob(id, "echo", "default", Map.of(), 0)
                .subscribed(Optional.of(new Subscriber(Optional.of(successUri), Optional.empty(), Optional.empty()))), 10);
        Job running = store.claimNext("default").orElseThrow();
        return store.finish(running.id(), JobState.RUNNING, new JobOutcome.Succeeded("ok"));
    }

    private static java.util.function.Supplier<SSLContext> tls(SSLContext context) {
        return () -> context;
    }
}
