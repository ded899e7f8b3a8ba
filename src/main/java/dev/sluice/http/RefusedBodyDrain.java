package dev.sluice.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads and discards, within bounds, the body of a request refused for its declared size, before the refusal is
 * sent. A server that answers and closes while the body is still arriving resets the connection, and a client that
 * reads only after writing its whole body (java.net.http, most libraries) then loses the answer to "Broken pipe"
 * instead of reading the 413. Bounded like nginx's lingering close: a body larger than {@link #MOST_BYTES} is not
 * read at all, the reading stops after {@link #MOST_NANOS} or once nothing has arrived for {@link #QUIET_NANOS}
 * (a client that waits for the answer before it sends the body gets it at once), and a client that sent
 * {@code Expect: 100-continue} has sent nothing yet, so it is answered straight away.
 */
final class RefusedBodyDrain {

    static final long MOST_BYTES = 32L << 20;
    private static final long MOST_NANOS = 5_000_000_000L;
    private static final long QUIET_NANOS = 250_000_000L;
    private static final long LOOK_AGAIN_MILLIS = 10;

    private RefusedBodyDrain() {
    }

    static void drain(Context ctx, long declared) {
        if (declared > MOST_BYTES || "100-continue".equalsIgnoreCase(ctx.header("Expect"))) {
            return;
        }
        long started = System.nanoTime();
        long lastArrival = started;
        byte[] buffer = new byte[16 << 10];
        try {
            InputStream body = ctx.req().getInputStream();
            long read = 0;
            while (read < declared) {
                long now = System.nanoTime();
                if (now - started > MOST_NANOS || now - lastArrival > QUIET_NANOS) {
                    return;
                }
                // why: only what has arrived is read, so a client that sends nothing more never holds this thread
                int ready = body.available();
                if (ready <= 0) {
                    Thread.sleep(LOOK_AGAIN_MILLIS);
                    continue;
                }
                int n = body.read(buffer, 0, Math.min(ready, buffer.length));
                if (n < 0) {
                    return;
                }
                read += n;
                lastArrival = System.nanoTime();
            }
        } catch (IOException | RuntimeException clientGone) {
            // the refusal is sent all the same; the connection closes after it
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }
}
