package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, for requests that java.net.http cannot make or cannot survive: a head whose
 * declared body never follows, or a body the server refuses halfway.
 */
final class RawHttp {

    /** The answer: its head (status line and headers) and its body as text. */
    record Answer(String head, String body) {
        String statusLine() {
            return head.lines().findFirst().orElse("");
        }
    }

    private RawHttp() {
    }

    /**
     * Sends {@code head}, then {@code body} from a second thread, and reads the answer meanwhile.
     * why: a server that refuses early closes the connection while the body is still coming; a client that
     * reads only after writing everything (as java.net.http does) then often loses the answer to the reset.
     */
    static Answer exchange(int port, String head, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.ofVirtual().start(() -> {
                try {
                    out.write(body);
                    out.flush();
                } catch (IOException refusedMidway) {
                    // the server answered and closed; its answer is what the caller reads
                }
            });
            return read(socket.getInputStream());
        }
    }

    /**
     * Like {@link #exchange}, but a server that closes the connection without answering (as it may for a request it
     * cannot even parse) gives an empty answer instead of a failed test.
     */
    static java.util.Optional<Answer> exchangeOrClosed(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            Thread.ofVirtual().start(() -> {
                try {
                    out.write(request);
                    out.flush();
                } catch (IOException refusedMidway) {
                    // the server answered or closed; what it sent is what the caller reads
                }
            });
            try {
                return java.util.Optional.of(read(socket.getInputStream()));
            } catch (AssertionError | java.net.SocketException noAnswer) {
                // closed (or reset) without a complete head: the server refused to talk
                return java.util.Optional.empty();
            }
        }
    }

    /** The body in the chunked transfer coding, so that no Content-Length announces its size. */
    static byte[] chunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int from = 0; from < body.length; from += 65536) {
            int length = Math.min(65536, body.length - from);
            out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, from, length);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** Reads until the body announced by Content-Length is complete, or until the server closes. */
    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int headEnd = -1;
        long contentLength = -1;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            received.write(buffer, 0, n);
            byte[] sofar = received.toByteArray();
            if (headEnd < 0) {
                headEnd = indexOf(sofar, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                contentLength = headEnd < 0 ? -1 : contentLengthOf(new String(sofar, 0, headEnd, StandardCharsets.US_ASCII));
            }
            if (headEnd >= 0 && contentLength >= 0 && sofar.length >= headEnd + 4 + contentLength) {
                break;
            }
        }
        byte[] all = received.toByteArray();
        assertThat(headEnd).as("a complete response head in %s", new String(all, StandardCharsets.UTF_8)).isNotNegative();
        return new Answer(new String(all, 0, headEnd, StandardCharsets.US_ASCII),
                new String(Arrays.copyOfRange(all, headEnd + 4, all.length), StandardCharsets.UTF_8));
    }

    private static long contentLengthOf(String head) {
        return head.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                .map(l -> Long.parseLong(l.substring(l.indexOf(':') + 1).trim())).findFirst().orElse(-1L);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
