package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.TestServer;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Relative hrefs (an older server, a Host it would not echo) are resolved against the URL the user gave. */
class ServerLinksTest {

    private final ServerLinks links = new ServerLinks(URI.create("http://sluice.example:8080/sluice/"));

    @Test
    void a_relative_href_resolves_under_the_given_url_and_an_absolute_one_stays() {
        assertThat(links.absolute("/sluice/jobs/a1")).isEqualTo("http://sluice.example:8080/sluice/jobs/a1");
        assertThat(links.absolute("jobs/a1/results/plot")).isEqualTo("http://sluice.example:8080/sluice/jobs/a1/results/plot");
        assertThat(links.absolute("https://other.example/x")).isEqualTo("https://other.example/x");
        assertThat(links.absolute("not a uri")).isEqualTo("not a uri");
        assertThat(links.jobPage("a1")).isEqualTo("http://sluice.example:8080/sluice/jobs/a1");
    }

    @Test
    void links_at_any_depth_become_absolute_and_values_a_job_wrote_stay_as_they_were() {
        JsonNode list = TestServer.parse("""
                {"jobs": [{"jobID": "a1", "message": "see /etc", "links": [{"href": "/sluice/jobs/a1", "rel": "self"}]}],
                 "links": [{"href": "/sluice/jobs?limit=2", "rel": "next"}]}""");

        links.absoluteLinks(list);

        assertThat(list.path("jobs").get(0).path("links").get(0).path("href").asText())
                .isEqualTo("http://sluice.example:8080/sluice/jobs/a1");
        assertThat(list.path("links").get(0).path("href").asText()).isEqualTo("http://sluice.example:8080/sluice/jobs?limit=2");
        assertThat(list.path("jobs").get(0).path("message").asText()).isEqualTo("see /etc");
    }

    @Test
    void in_results_only_file_outputs_are_links_and_an_inline_json_output_is_left_alone() {
        JsonNode results = TestServer.parse("""
                {"plot": {"href": "/sluice/jobs/a1/results/plot", "type": "image/png"},
                 "meta": {"href": "/mine", "note": "written by the job", "type": "x"},
                 "score": 0.5}""");

        links.absoluteResults(results);

        assertThat(results.path("plot").path("href").asText()).isEqualTo("http://sluice.example:8080/sluice/jobs/a1/results/plot");
        assertThat(results.path("meta").path("href").asText()).isEqualTo("/mine");
        assertThat(results.path("score").asDouble()).isEqualTo(0.5);
    }
}
