package dev.sluice.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a Server-Sent Events stream over a plain socket. It asks in HTTP/1.0, so the body comes unchunked and
 * ends when the server closes, and every read has a time limit, so a stream that hangs fails the test.
 */
final class EventStreamClient implements AutoCloseable {

    /** One event, or a comment (a keep-alive) when {@code comment} is set. */
    record Event(String id, String name, String data, String comment) {
        boolean isComment() {
            return comment != null;
        }
    }

    private final Socket socket;
    private final BufferedReader in;
    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private EventStreamClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        String statusLine = in.readLine();
        this.status = Integer.parseInt(statusLine.split(" ")[1]);
        for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
    }

    static EventStreamClient open(int port, String path, String lastEventId) throws IOException {
        return openWith(port, path, lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n");
    }

    /** {@code extraHeaders}: whole header lines, each ending in CRLF. */
    static EventStreamClient openWith(int port, String path, String extraHeaders) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        String head = "GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n" + extraHeaders + "\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return new EventStreamClient(socket);
    }

    int status() {
        return status;
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The next event or comment; null when the server closed the stream. A block with only `retry:` is skipped. */
    Event next() throws IOException {
        while (true) {
            String id = null;
            String name = "message";
            StringBuilder data = null;
            String comment = null;
            boolean any = false;
            for (String line; ; ) {
                line = in.readLine();
                if (line == null) {
                    return null;
                }
                if (line.isEmpty()) {
                    break;
                }
                if (line.startsWith(":")) {
                    comment = line.substring(1).trim();
                    any = true;
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                    any = true;
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring(5).trim());
                    any = true;
                }
            }
            if (any) {
                return data == null && comment != null ? new Event(null, null, null, comment)
                        : new Event(id, name, data == null ? "" : data.toString(), null);
            }
        }
    }

    /** The next event that is not a comment; null at the end of the stream. */
    Event nextEvent() throws IOException {
        for (Event e; (e = next()) != null; ) {
            if (!e.isComment()) {
                return e;
            }
        }
        return null;
    }

    /** True when the server closes the stream before {@code millis} pass without sending anything more than comments. */
    boolean endsWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            return nextEvent() == null;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
