package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A mistyped name is matched to the known name it most likely meant, and to none when nothing is close. */
class SuggestionsTest {

    @Test
    void a_letter_left_out_or_two_swapped_is_a_typo_of_the_known_name() {
        assertThat(Suggestions.nearest("limts", List.of("limits", "inputs", "env"))).contains("limits");
        assertThat(Suggestions.nearest("pyhton3", List.of("python3", "perl"))).contains("python3");
    }

    @Test
    void among_equally_close_names_the_later_version_is_suggested() {
        assertThat(Suggestions.nearest("python", List.of("python2", "python3", "pip"))).contains("python3");
    }

    @Test
    void a_short_name_is_not_matched_to_anything_merely_short() {
        assertThat(Suggestions.nearest("ab", List.of("cd", "env"))).isEmpty();
        assertThat(Suggestions.nearest("zz-not-a-key", List.of("command", "queue"))).isEmpty();
    }
}
