package dev.sluice.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A client that sends its request a byte at a time with a pause between bytes, as a slow or hostile client
 * does, while reading whatever the server answers. It stops sending when the server answers or closes.
 */
final class Trickle implements AutoCloseable {

    private final Socket socket;
    private final Thread sender;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private volatile boolean senderFailed;

    private Trickle(Socket socket, byte[] quickly, byte[] slowly, Duration pause) throws IOException {
        this.socket = socket;
        OutputStream out = socket.getOutputStream();
        out.write(quickly);
        out.flush();
        this.sender = Thread.ofVirtual().start(() -> {
            try {
                for (byte b : slowly) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(pause);
                }
            } catch (IOException | InterruptedException stopped) {
                senderFailed = true;
            }
        });
    }

    /** Sends {@code quickly} at once, then {@code slowly} a byte at a time with {@code pause} between bytes. */
    static Trickle start(int port, String quickly, byte[] slowly, Duration pause) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        return new Trickle(socket, quickly.getBytes(StandardCharsets.US_ASCII), slowly, pause);
    }

    /** Reads until the server closes the connection (or {@code limit} passes) and returns what it sent. */
    String readUntilClosed(Duration limit) throws IOException {
        socket.setSoTimeout((int) limit.toMillis());
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                received.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // a reset is the server closing too
        }
        return received.toString(StandardCharsets.UTF_8);
    }

    boolean stillSending() {
        return sender.isAlive() && !senderFailed;
    }

    @Override
    public void close() throws IOException {
        sender.interrupt();
        socket.close();
    }
}
