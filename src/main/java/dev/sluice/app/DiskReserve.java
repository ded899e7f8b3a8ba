package dev.sluice.app;

import dev.sluice.store.JobStore;
import dev.sluice.store.StoreException;
import dev.sluice.supervision.LoopFailures;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A megabyte of the data folder's disk kept in a file, and given back when the disk is full, so that the database
 * can still record how running jobs ended (a job that filled the disk among them). While it is given back, new
 * jobs are refused as if the disk were full, so they cannot eat the room kept for the jobs already accepted.
 */
final class DiskReserve {

    private static final Logger log = LoggerFactory.getLogger(DiskReserve.class);
    static final long SIZE = 1L << 20;
    private static final Object[] NO_ARGS = new Object[0];
    private static final Map<Method, MethodHandle> HANDLES = new ConcurrentHashMap<>();

    private final Path file;
    private volatile boolean held;
    private final LoopFailures unavailable = new LoopFailures("disk-reserve");

    private DiskReserve(Path file) {
        this.file = file;
    }

    /** Keeps the reserve in {@code dataDir/disk-reserve}; on a disk already too full, starts without one. */
    static DiskReserve claim(Path dataDir) {
        DiskReserve reserve = new DiskReserve(dataDir.resolve("disk-reserve"));
        reserve.tryToHold();
        return reserve;
    }

    boolean held() {
        return held;
    }

    /**
     * The store, guarded: a write that fails for a full disk releases the reserve and is tried once more; new jobs
     * are refused while the reserve is released and the disk has no room to take it back.
     * why: a proxy, so that every store method, present or added later, gets the same guard without touching the store
     */
    JobStore guard(JobStore store) {
        return (JobStore) Proxy.newProxyInstance(JobStore.class.getClassLoader(), new Class<?>[] {JobStore.class},
                (proxy, method, args) -> {
                    boolean admitsNewJob = method.getName().startsWith("insert");
                    if (admitsNewJob && !held && !tryToHold()) {
                        throw new StoreException("database or disk is full: the room kept for jobs already accepted is in use",
                                null);
                    }
                    try {
                        return call(method, store, args);
                    } catch (StoreException failed) {
                        // why: the megabyte is kept for recording how jobs end, not for a backup's copy of the database
                        // and a readiness probe that finds the disk full must report it, not spend the megabyte
                        boolean recordsJobs = !admitsNewJob && !method.getName().equals("backupTo")
                                && !method.getName().equals("checkWritable");
                        if (recordsJobs && failed.diskFull() && release()) {
                            return call(method, store, args);
                        }
                        throw failed;
                    }
                });
    }

    // why: not Method.invoke, which the launcher's -Djdk.reflect.useNativeAccessorOnly=true (a faster start) sends
    // through a native frame: a virtual thread waiting in the store for its commit stayed pinned to its carrier there,
    // and two such waiters held both carriers of a 2-core machine while the thread committing for them waited for a
    // lock that a virtual thread without a carrier was next in line for
    private static Object call(Method method, JobStore store, Object[] args) throws Throwable {
        Object[] arguments = args == null ? NO_ARGS : args;
        return (Object) HANDLES.computeIfAbsent(method, DiskReserve::spreadHandle).invokeExact((Object) store, arguments);
    }

    private static MethodHandle spreadHandle(Method method) {
        try {
            return MethodHandles.publicLookup().unreflect(method).asSpreader(Object[].class, method.getParameterCount())
                    .asType(MethodType.methodType(Object.class, Object.class, Object[].class));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("the store's method " + method.getName() + " cannot be called", e);
        }
    }

    /** Gives the reserve back to the disk; true if it was held. */
    synchronized boolean release() {
        if (!held) {
            return false;
        }
        try {
            Files.deleteIfExists(file);
            held = false;
            log.warn("event=disk-reserve-released file={} reason=\"the disk is full; new jobs are refused until there is room\"", file);
            return true;
        } catch (IOException e) {
            log.warn("event=disk-reserve-release-failed file={} reason=\"{}\"", file, e.getMessage());
            return false;
        }
    }

    // why: written out, not a sparse file made by setLength: only written blocks are really kept from others
    private synchronized boolean tryToHold() {
        if (held) {
            return true;
        }
        try {
            if (Files.getFileStore(file.getParent()).getUsableSpace() < 2 * SIZE) {
                return false;
            }
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
                byte[] zeros = new byte[64 << 10];
                for (long written = 0; written < SIZE; written += zeros.length) {
                    out.write(zeros);
                }
            }
            held = true;
            unavailable.succeeded();
            return true;
        } catch (IOException noRoom) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // nothing more to give back
            }
            // why: while the disk stays full every submission tries again; one line a minute says so, not one each
            unavailable.failed("disk-reserve-unavailable", "file=" + file, noRoom);
            return false;
        }
    }
}
