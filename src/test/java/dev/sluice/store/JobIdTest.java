package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Job ids: well-formed, unique, and in creation order from one millisecond to the next. */
class JobIdTest {

    @Test
    void an_id_starts_with_its_creation_time_and_ends_with_eighty_random_bits() {
        long before = System.currentTimeMillis();
        JobId id = JobId.random();
        long after = System.currentTimeMillis();

        long millis = Long.parseLong(id.value().substring(0, 12), 16);
        assertThat(millis).isBetween(before, after);
        assertThat(JobId.parse(id.value())).contains(id);
    }

    @Test
    void ids_made_in_the_same_millisecond_still_differ_and_later_ones_sort_after() {
        List<JobId> first = IntStream.range(0, 1000).mapToObj(i -> JobId.random()).toList();
        long last = Long.parseLong(first.getLast().value().substring(0, 12), 16);
        while (System.currentTimeMillis() <= last) {
            Thread.onSpinWait();
        }
        JobId later = JobId.random();

        Set<String> distinct = new HashSet<>();
        first.forEach(id -> distinct.add(id.value().substring(12)));
        assertThat(distinct).hasSize(1000);
        assertThat(first).allSatisfy(id -> assertThat(later.value()).isGreaterThan(id.value()));
    }

    @Test
    void text_that_is_not_an_id_is_no_job() {
        assertThat(JobId.parse("../etc/passwd")).isEmpty();
        assertThat(JobId.parse("ABCDEF0123456789abcdef0123456789")).isEmpty();
        assertThat(JobId.parse(null)).isEmpty();
    }
}
