package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HttpTestClient.Response;
import dev.sluice.testing.ServerFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OGC API – Processes – Part 1: Core 1.0, requirements class core: the process list and process descriptions, each
 * test named after the requirement it pins (the list's `limit` is in {@link OgcCoreRequirementsTest}).
 */
class OgcCoreProcessRequirementsTest extends ServerFixture {

    @BeforeEach
    void startServer() {
        start("""
                tasks:
                  shout:
                    title: Shout
                    command: [sh, -c, 'printf %s "$1" > "$2"', sh, '{text}', '{out}/said.txt']
                    sync: {}
                    inputs: { text: { type: string, title: The text } }
                    outputs: { said: { file: said.txt, type: string } }
                  plot:
                    command: ["true"]
                    inputs: { data: { type: file } }
                    outputs: { picture: { file: plot.png } }
                """);
    }

    @Test
    void req_core_process_list() {
        Response list = server.http().get("/processes");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void req_core_process_list_success() {
        JsonNode list = server.http().get("/processes").json();

        assertThat(list.path("links").isArray()).isTrue();
        assertThat(list.path("processes").findValuesAsText("id")).containsExactly("shout", "plot");
        for (JsonNode summary : list.path("processes")) {
            assertThat(summary.path("version").isTextual()).as(summary.toString()).isTrue();
            assertThat(summary.path("jobControlOptions").toString()).contains("async-execute");
            assertThat(summary.path("links").isArray()).isTrue();
            assertThat(summary.has("inputs")).as("a summary is not a description").isFalse();
        }
    }

    @Test
    void req_core_pl_links() {
        for (String query : List.of("", "?limit=1", "?limit=1&offset=1")) {
            JsonNode list = server.http().get("/processes" + query).json();
            JsonNode self = link(list, "self");
            JsonNode alternate = link(list, "alternate");
            assertThat(self.path("href").asText()).as(query).isEqualTo(server.http().base() + "/processes" + query);
            assertThat(self.path("type").asText()).startsWith("application/json");
            assertThat(alternate.path("type").asText()).startsWith("text/html");

            Response page = server.http().get(alternate.path("href").asText());
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("Content-Type")).as(query).startsWith("text/html");
        }
    }

    @Test
    void req_core_process_description() {
        for (String id : List.of("shout", "plot")) {
            Response description = server.http().get("/processes/" + id);
            assertThat(description.status()).as(id).isEqualTo(200);
            assertThat(description.header("Content-Type")).startsWith("application/json");
        }
    }

    @Test
    void req_core_process_description_success() {
        JsonNode shout = server.http().get("/processes/shout").json();

        assertThat(shout.path("id").asText()).isEqualTo("shout");
        assertThat(shout.path("title").asText()).isEqualTo("Shout");
        assertThat(shout.path("version").isTextual()).isTrue();
        assertThat(shout.path("jobControlOptions")).extracting(JsonNode::asText).contains("sync-execute", "async-execute");
        assertThat(shout.path("inputs").path("text").path("schema").path("type").asText()).isEqualTo("string");
        assertThat(shout.path("outputs").path("said").path("schema").path("type").asText()).isEqualTo("string");
        assertThat(link(shout, "http://www.opengis.net/def/rel/ogc/1.0/execute").path("href").asText())
                .isEqualTo(server.http().base() + "/processes/shout/execution");

        JsonNode plot = server.http().get("/processes/plot").json();
        assertThat(plot.path("jobControlOptions")).extracting(JsonNode::asText).doesNotContain("sync-execute");
        assertThat(plot.path("inputs").path("data").path("schema").path("format").asText()).isEqualTo("binary");
        assertThat(plot.path("outputs").path("picture").path("schema").path("contentMediaType").asText()).isEqualTo("image/png");
    }

    private static JsonNode link(JsonNode doc, String rel) {
        List<JsonNode> found = new ArrayList<>();
        doc.path("links").forEach(l -> {
            if (l.path("rel").asText().equals(rel)) {
                found.add(l);
            }
        });
        assertThat(found).as("links with rel " + rel + " in " + doc).hasSize(1);
        return found.get(0);
    }
}
