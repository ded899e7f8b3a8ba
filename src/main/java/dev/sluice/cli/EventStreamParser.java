package dev.sluice.cli;

import java.util.Optional;
import java.util.function.Consumer;

/** Turns the lines of a `text/event-stream` into events, as the HTML standard's parsing rules say; comments are skipped. */
final class EventStreamParser {

    private final Consumer<ServerSentEvent> sink;
    private String name = "";
    private final StringBuilder data = new StringBuilder();
    private Optional<String> id = Optional.empty();
    private boolean hasData;

    EventStreamParser(Consumer<ServerSentEvent> sink) {
        this.sink = sink;
    }

    void line(String line) {
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.startsWith(":")) {
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> name = value;
            case "data" -> {
                data.append(hasData ? "\n" : "").append(value);
                hasData = true;
            }
            case "id" -> id = Optional.of(value);
            default -> {
                // retry and unknown fields do not concern a command-line client
            }
        }
    }

    private void dispatch() {
        if (hasData) {
            sink.accept(new ServerSentEvent(name.isEmpty() ? "message" : name, data.toString(), id));
        }
        name = "";
        data.setLength(0);
        hasData = false;
        id = Optional.empty();
    }
}
