package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HttpTestClient.Part;
import dev.sluice.testing.HttpTestClient.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A bad value for a declared input is refused with a 400 that names the input and says what was wrong. */
class BadInputValuesTest extends ProblemServer {

    // --- input names

    @Test
    void an_unknown_input_name_is_refused_and_named() {
        JsonNode problem = assertProblem(submit("{\"text\": \"hi\", \"colur\": \"red\"}"), 400);

        assertThat(problem.path("input").asText()).isEqualTo("colur");
        assertThat(problem.path("detail").asText()).contains("colur").contains("colour");
    }

    @Test
    void a_problem_document_is_utf8_whatever_the_characters_of_the_input_name() {
        JsonNode problem = assertProblem(submit("{\"text\": \"hi\", \"cölour→\": \"red\"}"), 400);

        assertThat(problem.path("input").asText()).isEqualTo("cölour→");
    }

    @Test
    void a_missing_required_input_is_named() {
        JsonNode problem = assertProblem(submit("{\"n\": 2}"), 400);

        assertInput(problem, "text", "required");
    }

    // --- strings

    @Test
    void a_string_longer_than_its_max_length_is_refused() {
        JsonNode problem = assertProblem(submit("{\"text\": \"abcdefghijklmnopqrstu\"}"), 400);

        assertInput(problem, "text", "at most 20");
    }

    @Test
    void a_string_that_does_not_match_its_pattern_is_refused() {
        JsonNode problem = assertProblem(submit("{\"text\": \"Hello!\"}"), 400);

        assertInput(problem, "text", "pattern");
    }

    @Test
    void a_string_outside_its_enum_is_refused() {
        JsonNode problem = assertProblem(submit("{\"text\": \"hi\", \"colour\": \"blue\"}"), 400);

        assertInput(problem, "colour", "red, green");
    }

    @Test
    void a_string_given_as_a_number_is_refused() {
        JsonNode problem = assertProblem(submit("{\"text\": 42}"), 400);

        assertInput(problem, "text", "must be a string");
    }

    @Test
    void a_list_given_for_a_single_value_is_refused() {
        JsonNode problem = assertProblem(submit("{\"text\": [\"a\", \"b\"]}"), 400);

        assertInput(problem, "text", "single value");
    }

    @Test
    void a_nul_character_in_a_string_is_refused() {
        JsonNode problem = assertProblem(submit("{\"text\": \"a\\u0000b\"}"), 400);

        assertInput(problem, "text", "NUL");
    }

    // --- numbers and booleans

    @Test
    void an_integer_that_is_not_whole_is_refused() {
        JsonNode problem = assertProblem(submit("{\"text\": \"hi\", \"n\": 2.5}"), 400);

        assertInput(problem, "n", "whole number");
    }

    @Test
    void an_integer_below_its_minimum_is_refused() {
        JsonNode problem = assertProblem(submit("{\"text\": \"hi\", \"n\": 0}"), 400);

        assertInput(problem, "n", "at least 1");
    }

    @Test
    void an_integer_above_its_maximum_is_refused() {
        JsonNode problem = assertProblem(submit("{\"text\": \"hi\", \"n\": 11}"), 400);

        assertInput(problem, "n", "at most 10");
    }

    @Test
    void a_number_below_its_minimum_is_refused() {
        JsonNode problem = assertProblem(submit("{\"text\": \"hi\", \"ratio\": -0.1}"), 400);

        assertInput(problem, "ratio", "at least 0");
    }

    @Test
    void a_number_above_its_maximum_is_refused() {
        JsonNode problem = assertProblem(submit("{\"text\": \"hi\", \"ratio\": 1.5}"), 400);

        assertInput(problem, "ratio", "at most 1");
    }

    @Test
    void a_number_off_its_step_is_refused_with_the_nearest_allowed_values() {
        JsonNode problem = assertProblem(submit("{\"text\": \"hi\", \"dose\": 0.35}"), 400);

        assertInput(problem, "dose", "0.1 plus a multiple of 0.1");
        assertThat(problem.path("detail").asText()).contains("0.3 and 0.4");
    }

    @Test
    void an_integer_off_its_step_is_refused_with_the_nearest_allowed_values() {
        JsonNode problem = assertProblem(submit("{\"text\": \"hi\", \"even\": -3}"), 400);

        assertInput(problem, "even", "a multiple of 2");
        assertThat(problem.path("detail").asText()).contains("-4 and -2");
    }

    @Test
    void a_form_field_off_its_step_is_refused() {
        Response r = http.multipart(EXECUTE, List.of(Part.field("text", "hi"), Part.field("dose", "1.25")));

        assertInput(assertProblem(r, 400), "dose", "multiple of 0.1");
    }

    @Test
    void a_number_on_its_step_is_accepted_in_exact_decimal_arithmetic() {
        Response r = submit("{\"text\": \"hi\", \"dose\": 0.3, \"even\": -4}");

        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    @Test
    void a_number_given_as_text_that_is_not_a_number_is_refused() {
        JsonNode problem = assertProblem(submit("{\"text\": \"hi\", \"ratio\": \"abc\"}"), 400);

        assertInput(problem, "ratio", "not a number");
    }

    @Test
    void a_boolean_given_as_yes_is_refused() {
        JsonNode problem = assertProblem(submit("{\"text\": \"hi\", \"flag\": \"yes\"}"), 400);

        assertInput(problem, "flag", "true or false");
    }

    @Test
    void a_boolean_given_as_a_number_is_refused() {
        JsonNode problem = assertProblem(submit("{\"text\": \"hi\", \"flag\": 1}"), 400);

        assertInput(problem, "flag", "true or false");
    }
}
