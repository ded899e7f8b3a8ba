package dev.sluice.worker;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a job's process. On Linux with JDK 22 or newer and glibc 2.34 or newer, {@link #best()} starts it with one
 * {@code posix_spawn} from the server ({@code DirectSpawn}); elsewhere, and for another shape of builder, with
 * {@link ProcessBuilder#start()}, which runs the JDK's {@code jspawnhelper} program first, a second program load
 * per job (about 4.5 ms of CPU a job on the 2-core benchmark VM, measured with perf).
 */
public interface ProcessStarter {

    /** Starts the process {@code builder} describes, as {@link ProcessBuilder#start()} would. */
    Process start(ProcessBuilder builder) throws IOException;

    /** The JDK's own launcher. */
    static ProcessStarter jdk() {
        return ProcessBuilder::start;
    }

    /** The fastest starter this JVM and system offer; {@code -Dsluice.spawn=jdk} chooses the JDK's. */
    static ProcessStarter best() {
        return Chosen.STARTER;
    }

    /** Chooses once, on first use. */
    final class Chosen {

        private static final Logger log = LoggerFactory.getLogger(ProcessStarter.class);
        static final ProcessStarter STARTER = choose();

        private Chosen() {
        }

        @SuppressWarnings("unchecked")
        private static ProcessStarter choose() {
            if ("jdk".equals(System.getProperty("sluice.spawn")) || Runtime.version().feature() < 22) {
                return jdk();
            }
            try {
                // why: DirectSpawn is compiled for Java 22 (the foreign function API), so a JDK 21 never loads it
                Class<?> direct = Class.forName("dev.sluice.worker.DirectSpawn");
                Optional<ProcessStarter> found = (Optional<ProcessStarter>) MethodHandles.lookup()
                        .findStatic(direct, "available", MethodType.methodType(Optional.class)).invoke();
                return found.orElseGet(ProcessStarter::jdk);
            } catch (Throwable unusable) {
                log.debug("event=direct-spawn-unavailable reason=\"{}\"", unusable.toString());
                return jdk();
            }
        }
    }
}
