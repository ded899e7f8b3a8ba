package dev.sluice.testing;

import dev.sluice.store.JobStore;
import dev.sluice.store.StoreException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A fault injector around the real store: chosen calls fail at chosen moments (the next n calls of a method, or
 * those whose arguments match), and every other call reaches the real store unchanged. Not a mock: what does not
 * fail is committed to the real database.
 */
public final class StoreFaults {

    private record Fault(String method, Predicate<Object[]> when, AtomicInteger left, Throwable failure) {
    }

    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final AtomicInteger injected = new AtomicInteger();
    private volatile JobStore real;

    /** Wraps {@code store}; pass {@code faults::wrap} as a server's store decorator. */
    public JobStore wrap(JobStore store) {
        real = store;
        return (JobStore) Proxy.newProxyInstance(JobStore.class.getClassLoader(), new Class<?>[] {JobStore.class},
                (proxy, method, args) -> {
                    Object[] actual = args == null ? new Object[0] : args;
                    for (Fault fault : faults) {
                        if (fault.method().equals(method.getName()) && fault.when().test(actual)
                                && fault.left().getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                            injected.incrementAndGet();
                            throw fault.failure();
                        }
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The next {@code times} calls of {@code method} fail as a broken database would. */
    public StoreFaults failNext(String method, int times) {
        return fail(method, args -> true, times, new StoreException("injected fault in " + method, null));
    }

    /** The next {@code times} calls of {@code method} whose arguments match {@code when} throw {@code failure}. */
    public StoreFaults fail(String method, Predicate<Object[]> when, int times, Throwable failure) {
        faults.add(new Fault(method, when, new AtomicInteger(times), failure));
        return this;
    }

    /** How many calls have failed so far. */
    public int injected() {
        return injected.get();
    }

    /** The real store underneath, to change the database behind the server's back. */
    public JobStore real() {
        return real;
    }
}
