package dev.sluice.web;

import dev.sluice.store.JobState;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The admin page's choices, from its query: which jobs to list (task, state, created within a window, page) and over
 * which span the charts run. A value the page does not offer is refused with a sentence naming it.
 */
record AdminFilters(Optional<String> task, Optional<JobState> state, Window window, int page, Window span) {

    static final int PAGE_SIZE = 25;
    private static final int LAST_PAGE = 400;

    /** A span of time back from now; {@code ALL} is no bound. */
    enum Window {
        HOUR("1h", "last hour", Duration.ofHours(1)), DAY("24h", "last 24 hours", Duration.ofDays(1)),
        WEEK("7d", "last 7 days", Duration.ofDays(7)), ALL("all", "any time", Duration.ZERO);

        final String wire;
        final String words;
        final Duration length;

        Window(String wire, String words, Duration length) {
            this.wire = wire;
            this.words = words;
            this.length = length;
        }

        static Window of(String key, String value, Set<Window> allowed) {
            for (Window w : allowed) {
                if (w.wire.equals(value)) {
                    return w;
                }
            }
            throw new IllegalArgumentException("'" + key + "' must be one of " + allowed.stream().map(w -> w.wire).sorted().toList()
                    + ", not '" + value + "'");
        }
    }

    static final Set<Window> LIST_WINDOWS = Set.of(Window.HOUR, Window.DAY, Window.WEEK, Window.ALL);
    static final Set<Window> CHART_SPANS = Set.of(Window.HOUR, Window.DAY);

    /** The filters a query asks for; {@code tasks} are the configured ones. */
    static AdminFilters parse(java.util.function.Function<String, String> query, Set<String> tasks) {
        Optional<String> task = blank(query.apply("task"));
        if (task.isPresent() && !tasks.contains(task.get())) {
            throw new IllegalArgumentException("'task' names no task of this server: '" + task.get() + "'");
        }
        Optional<JobState> state = blank(query.apply("state")).map(AdminFilters::state);
        Window window = blank(query.apply("window")).map(w -> Window.of("window", w, LIST_WINDOWS)).orElse(Window.DAY);
        Window span = blank(query.apply("span")).map(w -> Window.of("span", w, CHART_SPANS)).orElse(Window.HOUR);
        int page = blank(query.apply("page")).map(AdminFilters::pageNumber).orElse(1);
        return new AdminFilters(task, state, window, page, span);
    }

    private static JobState state(String wire) {
        for (JobState state : JobState.values()) {
            if (state.wireName().equals(wire)) {
                return state;
            }
        }
        throw new IllegalArgumentException("'state' must be one of accepted, running, successful, failed, dismissed, not '"
                + wire + "'");
    }

    private static int pageNumber(String text) {
        try {
            int page = Integer.parseInt(text);
            if (page >= 1 && page <= LAST_PAGE) {
                return page;
            }
        } catch (NumberFormatException notANumber) {
            // said below
        }
        throw new IllegalArgumentException("'page' must be a whole number from 1 to " + LAST_PAGE + ", not '" + text + "'");
    }

    private static Optional<String> blank(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** The query of these filters on another page, for paging links and for coming back after an action. */
    String query(int onPage) {
        List<String> parts = new ArrayList<>();
        task.ifPresent(t -> parts.add("task=" + URLEncoder.encode(t, StandardCharsets.UTF_8)));
        state.ifPresent(s -> parts.add("state=" + s.wireName()));
        parts.add("window=" + window.wire);
        parts.add("span=" + span.wire);
        if (onPage > 1) {
            parts.add("page=" + onPage);
        }
        return "?" + String.join("&", parts);
    }
}
