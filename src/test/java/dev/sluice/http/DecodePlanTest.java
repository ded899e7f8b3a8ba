package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How much of an image is decoded: enough for its max-dimension, a thumbnail to check it, never more than the budget. */
class DecodePlanTest {

    private static final long PLENTY = 1L << 40;

    @Test
    void an_image_over_max_dimension_is_subsampled_to_at_least_it_then_resized_exactly() {
        DecodePlan plan = DecodePlan.of(3001, 2000, Optional.of(500), 4, PLENTY);

        assertThat(plan.step()).isEqualTo(6);
        assertThat(plan.width()).isEqualTo(501);
        assertThat(plan.resizes()).isTrue();
        assertThat(plan.targetWidth()).isEqualTo(500);
        assertThat(plan.targetHeight()).isEqualTo(333);
    }

    @Test
    void a_whole_multiple_of_max_dimension_needs_no_resize() {
        DecodePlan plan = DecodePlan.of(20_000, 20_000, Optional.of(4000), 4, PLENTY);

        assertThat(plan.step()).isEqualTo(5);
        assertThat(plan.width()).isEqualTo(4000);
        assertThat(plan.downscales()).isTrue();
        assertThat(plan.resizes()).isFalse();
        assertThat(plan.bytes()).isEqualTo(4000L * 4000 * 4);
    }

    @Test
    void an_image_only_checked_is_decoded_at_thumbnail_size() {
        DecodePlan plan = DecodePlan.of(4000, 3000, Optional.empty(), 3, PLENTY);

        assertThat(plan.downscales()).isFalse();
        assertThat(plan.step()).isEqualTo(8);
        assertThat(Math.max(plan.width(), plan.height())).isLessThanOrEqualTo(DecodePlan.CHECK_SIDE);
    }

    @Test
    void a_decode_that_would_not_fit_the_budget_is_subsampled_further() {
        long budget = 256L << 20;

        DecodePlan plan = DecodePlan.of(8000, 8000, Optional.of(6000), 8, budget);

        assertThat(plan.step()).isEqualTo(2);
        assertThat(plan.width()).isEqualTo(4000);
        assertThat(plan.bytes()).isLessThanOrEqualTo(budget);
    }
}
