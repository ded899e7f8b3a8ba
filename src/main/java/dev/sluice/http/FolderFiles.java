package dev.sluice.http;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens names below one folder in a single system call that the kernel refuses for any link on the way and for any
 * step out of the folder (Linux's {@code openat2} with {@code RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS}), then reads
 * what it opened without looking the path up again.
 * why: the same checks through the JDK's file API look the path up three times a request (the folder's identity,
 * the name without following a link, the open), which cost a small file more than all of Jetty's HTTP work
 */
interface FolderFiles extends AutoCloseable {

    /** What the names led to. */
    sealed interface Opened {
        /** A regular file, open for reading; whoever receives it closes it. */
        record File(FileSource source, FileVersion version, int links) implements Opened {
        }

        record Folder() implements Opened {
        }

        /** Nothing by that name, or something that is neither a file nor a folder. */
        record Missing() implements Opened {
        }

        /** A link on the way, or an error not judged here: the JDK's checks decide. */
        record Unsure() implements Opened {
        }
    }

    /** Opens {@code relative}, names joined by '/' (each checked: not empty, no '/', no NUL), below the folder. */
    Opened open(String relative);

    /** Gives the folder back once no request is using it any more. */
    @Override
    void close();

    /**
     * The kernel's opener for {@code realFolder}, when this JVM and system offer it: Java 22+ (the foreign function
     * API), Linux on x86-64 or AArch64, a kernel with {@code openat2} (5.6+). {@code -Dsluice.static.open=jdk}
     * chooses the JDK's checks.
     */
    @SuppressWarnings("unchecked")
    static Optional<FolderFiles> below(Path realFolder) {
        if ("jdk".equals(System.getProperty("sluice.static.open")) || Runtime.version().feature() < 22) {
            return Optional.empty();
        }
        try {
            // why: KernelFolderFiles is compiled for Java 22, so a JDK 21 never loads it
            Class<?> kernel = Class.forName("dev.sluice.http.KernelFolderFiles");
            return (Optional<FolderFiles>) MethodHandles.lookup()
                    .findStatic(kernel, "below", MethodType.methodType(Optional.class, Path.class)).invoke(realFolder);
        } catch (Throwable unusable) {
            Logger log = LoggerFactory.getLogger(FolderFiles.class);
            log.debug("event=static-open-kernel-unavailable reason=\"{}\"", unusable.toString());
            return Optional.empty();
        }
    }
}
