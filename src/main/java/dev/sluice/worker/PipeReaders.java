package dev.sluice.worker;

/**
 * Threads that read a child process's pipes. They are platform threads: a virtual thread blocked reading a
 * pipe holds its carrier, and with a few dozen jobs printing at once the carriers ran out, starving every
 * request the server had to answer.
 */
final class PipeReaders {

    private static final long STACK_BYTES = 256 * 1024;

    private PipeReaders() {
    }

    static Thread start(String name, Runnable reader) {
        return Thread.ofPlatform().name(name).daemon().stackSize(STACK_BYTES).start(reader);
    }
}
