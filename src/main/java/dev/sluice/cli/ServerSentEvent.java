package dev.sluice.cli;

import java.util.Optional;

/** One event of a `text/event-stream`: its name (`message` when unnamed), its data, and its id if it has one. */
record ServerSentEvent(String name, String data, Optional<String> id) {
}
