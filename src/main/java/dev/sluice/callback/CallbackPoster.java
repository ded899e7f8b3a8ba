package dev.sluice.callback;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * POSTs one JSON document to a checked {@link CallbackTargets.Target} over a socket connected to the checked address
 * itself, so no second DNS lookup can send it elsewhere (DNS rebinding). HTTPS verifies the certificate against the
 * URL's host name (SNI and endpoint identification), with the JVM's trusted roots. Answers the status code; follows
 * no redirect.
 */
final class CallbackPoster implements AutoCloseable {

    private static final int LONGEST_STATUS_LINE = 8 * 1024;

    // why: the JVM's default context reads its trust store (~80 ms) when first asked, so it is asked at the first https delivery
    private final Supplier<SSLContext> tls;
    // why: a socket timeout bounds each read, not a write into a receiver that never reads, nor the sum of slow reads;
    // this timer closes the socket when the delivery's whole time is up
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("callback-deadline").factory());

    CallbackPoster(Supplier<SSLContext> tls) {
        this.tls = tls;
    }

    int post(CallbackTargets.Target target, byte[] body, Duration timeout) throws IOException {
        Socket plain = new Socket();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> closeQuietly(plain), timeout.toMillis(), TimeUnit.MILLISECONDS);
        try (plain) {
            plain.connect(new InetSocketAddress(target.address(), target.port()), (int) timeout.toMillis());
            plain.setSoTimeout((int) timeout.toMillis());
            Socket socket = target.https() ? secured(plain, target) : plain;
            try (socket) {
                OutputStream out = socket.getOutputStream();
                out.write(head(target, body.length).getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                return statusCode(new java.io.BufferedInputStream(socket.getInputStream(), 1024));
            }
        } finally {
            deadline.cancel(false);
        }
    }

    private Socket secured(Socket plain, CallbackTargets.Target target) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.get().getSocketFactory().createSocket(plain, target.host(), target.port(), true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!target.host().contains(":") && !target.host().matches("[0-9.]+")) {
            parameters.setServerNames(List.of(new SNIHostName(target.host())));
        }
        ssl.setSSLParameters(parameters);
        ssl.startHandshake();
        return ssl;
    }

    private static String head(CallbackTargets.Target target, int length) {
        String path = target.uri().getRawPath() == null || target.uri().getRawPath().isEmpty() ? "/" : target.uri().getRawPath();
        String query = target.uri().getRawQuery() == null ? "" : "?" + target.uri().getRawQuery();
        int defaultPort = target.https() ? 443 : 80;
        String host = target.uri().getHost() + (target.port() == defaultPort ? "" : ":" + target.port());
        return "POST " + path + query + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\nContent-Length: "
                + length + "\r\nUser-Agent: Sluice-callback\r\nConnection: close\r\n\r\n";
    }

    private static int statusCode(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (line.length() >= LONGEST_STATUS_LINE) {
                throw new IOException("the answer's status line is too long");
            }
            line.append((char) c);
        }
        String[] parts = line.toString().trim().split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
            throw new IOException("the answer is not HTTP/1.x");
        }
        return Integer.parseInt(parts[1]);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // why: closing is what stops a delivery past its time; a failure to close leaves nothing else to do
        }
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
    }
}
