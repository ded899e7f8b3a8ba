package dev.sluice.http;

import dev.sluice.SluiceException;
import dev.sluice.config.DataSize;
import dev.sluice.config.Durations;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;

/**
 * Cuts off a request body that arrives too slowly: after a grace period, the body must have come at least at
 * the minimum rate on average, counted from the server's first read. A client trickling a byte a second is
 * refused once the grace period is over, while a large upload over a slow but honest link goes on.
 * why: Jetty's own MinimumDataRateHandler has no grace period, so one late first packet would fail an upload.
 */
final class SlowBodyGuard extends Handler.Wrapper {

    static final String TOO_SLOW = "the request body arrived too slowly";

    private final long graceNanos;
    private final long minBytesPerSecond;
    private final String limitText;

    SlowBodyGuard(Duration grace, DataSize minRate) {
        this.graceNanos = grace.toNanos();
        this.minBytesPerSecond = minRate.bytes();
        this.limitText = "at least " + minRate + " a second after the first " + Durations.format(grace);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return super.handle(new RateCheckedRequest(request), response, callback);
    }

    /** The problem for a body read that failed because the client was too slow or fell silent, if that was why. */
    static Optional<SluiceException> explain(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TimeoutException) {
                String why = String.valueOf(t.getMessage()).startsWith(TOO_SLOW) ? t.getMessage()
                        : TOO_SLOW + ": the client stopped sending it";
                return Optional.of(new SluiceException(408, "request-timeout", "Request timeout",
                        why + "; send it again over a faster connection", Map.of()));
            }
        }
        return Optional.empty();
    }

    private final class RateCheckedRequest extends Request.Wrapper {

        private long firstDemand;
        private long bytesRead;
        private Content.Chunk refusal;

        RateCheckedRequest(Request request) {
            super(request);
        }

        @Override
        public void demand(Runnable onContent) {
            long now = NanoTime.now();
            if (firstDemand == 0) {
                firstDemand = now == 0 ? 1 : now;
            }
            long elapsed = NanoTime.elapsed(firstDemand, now);
            // why: the body has the grace period, plus one second for every minBytesPerSecond it has sent
            if (elapsed > graceNanos && elapsed - graceNanos > bytesRead * 1_000_000_000.0 / minBytesPerSecond) {
                refusal = Content.Chunk.from(new TimeoutException(TOO_SLOW + " (" + bytesRead + " bytes in "
                        + Durations.format(Duration.ofMillis(elapsed / 1_000_000)) + "; this server needs " + limitText + ")"));
                onContent.run();
                return;
            }
            super.demand(onContent);
        }

        @Override
        public Content.Chunk read() {
            if (refusal != null) {
                return refusal;
            }
            Content.Chunk chunk = super.read();
            if (chunk != null && chunk.hasRemaining()) {
                bytesRead += chunk.remaining();
            }
            return chunk;
        }
    }
}
