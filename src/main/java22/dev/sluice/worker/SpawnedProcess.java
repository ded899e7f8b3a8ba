package dev.sluice.worker;

import dev.sluice.foreign.CLibrary;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A process started by {@link DirectSpawn}. A reaper thread waits for its end without reaping it, marks it ended,
 * then reaps it: a signal is sent only while the child is alive or a zombie, never to a reused pid.
 */
final class SpawnedProcess extends Process {

    // why: waitid blocks in native code, which would pin a virtual thread's carrier; these wait, so small stacks do
    private static final ExecutorService REAPERS = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("job-reaper-", 0).daemon().stackSize(128 * 1024).factory());

    private final LibC libc;
    private final long pid;
    private final InputStream output;
    private final ProcessHandle handle;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final Object signalling = new Object();
    private boolean ended;

    SpawnedProcess(LibC libc, long pid, InputStream output) {
        this.libc = libc;
        this.pid = pid;
        this.output = output;
        // why: taken before the reaper starts; until it reaps, the child is at least a zombie with this pid
        this.handle = ProcessHandle.of(pid).orElseThrow();
        REAPERS.execute(this::reap);
    }

    private void reap() {
        try {
            int code = libc.waitForExit(pid, false);
            synchronized (signalling) {
                ended = true;
            }
            libc.waitForExit(pid, true);
            exit.complete(code);
        } catch (RuntimeException | Error e) {
            exit.completeExceptionally(e);
        }
    }

    @Override
    public OutputStream getOutputStream() {
        return OutputStream.nullOutputStream();
    }

    @Override
    public InputStream getInputStream() {
        return output;
    }

    @Override
    public InputStream getErrorStream() {
        return InputStream.nullInputStream();
    }

    @Override
    public int waitFor() throws InterruptedException {
        try {
            return exit.get();
        } catch (ExecutionException e) {
            throw CLibrary.rethrown(e.getCause());
        }
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            exit.get(timeout, unit);
            return true;
        } catch (TimeoutException stillRunning) {
            return false;
        } catch (ExecutionException e) {
            throw CLibrary.rethrown(e.getCause());
        }
    }

    @Override
    public int exitValue() {
        Integer code = exit.getNow(null);
        if (code == null) {
            throw new IllegalThreadStateException("process " + pid + " has not exited");
        }
        return code;
    }

    @Override
    public void destroy() {
        signal(LibC.SIGTERM);
    }

    @Override
    public Process destroyForcibly() {
        signal(LibC.SIGKILL);
        return this;
    }

    @Override
    public boolean supportsNormalTermination() {
        return true;
    }

    @Override
    public boolean isAlive() {
        return !exit.isDone();
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public ProcessHandle toHandle() {
        return handle;
    }

    @Override
    public CompletableFuture<Process> onExit() {
        return exit.handle((code, failure) -> this);
    }

    private void signal(int signal) {
        synchronized (signalling) {
            if (!ended) {
                libc.kill(pid, signal);
            }
        }
    }
}
