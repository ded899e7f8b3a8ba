package dev.sluice.foreign;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.NoSuchElementException;

/** What every binding to the C library needs: a function bound once, errno as a call left it, failures rethrown. */
public final class CLibrary {

    /** The layout of the state a call bound with {@link #KEEP_ERRNO} leaves errno in. */
    public static final StructLayout ERRNO = Linker.Option.captureStateLayout();
    /** Binds a function so that its errno is kept in a state segment passed first. */
    public static final Linker.Option KEEP_ERRNO = Linker.Option.captureCallState("errno");
    private static final VarHandle ERRNO_VALUE = ERRNO.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private CLibrary() {
    }

    /** The C library's function {@code name}; {@link NoSuchElementException} when the library has none. */
    public static MethodHandle bind(String name, FunctionDescriptor shape, Linker.Option... options) {
        Linker linker = Linker.nativeLinker();
        return linker.downcallHandle(linker.defaultLookup().find(name)
                .orElseThrow(() -> new NoSuchElementException("no " + name + " in the C library")), shape, options);
    }

    /** The errno a call bound with {@link #KEEP_ERRNO} left in {@code state}. */
    public static int errno(MemorySegment state) {
        return (int) ERRNO_VALUE.get(state, 0L);
    }

    public static void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw rethrown(t);
        }
    }

    /** What a method handle threw, as an unchecked exception (an error is thrown as it is). */
    public static RuntimeException rethrown(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
