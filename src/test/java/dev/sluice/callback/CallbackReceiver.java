package dev.sluice.callback;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real HTTP server on loopback that takes callbacks, records each, and answers the statuses it is told to. */
final class CallbackReceiver implements AutoCloseable {

    record Received(String path, String host, String contentType, String body) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> answers = new ArrayDeque<>();
    private volatile int otherwise = 200;

    CallbackReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestURI().toString(), exchange.getRequestHeaders().getFirst("Host"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            int status;
            synchronized (answers) {
                status = answers.isEmpty() ? otherwise : answers.poll();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** Answers these statuses to the next requests, in order, then {@code then} to every later one. */
    void answer(int then, Integer... first) {
        synchronized (answers) {
            answers.clear();
            answers.addAll(List.of(first));
            otherwise = then;
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The paths called, in the order the requests came. */
    List<String> paths() {
        return received.stream().map(Received::path).toList();
    }

    List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
