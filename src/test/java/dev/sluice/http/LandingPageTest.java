package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an OGC API client reads first: the landing page and the conformance classes. */
class LandingPageTest {

    @TempDir
    Path dir;

    @Test
    void the_landing_page_links_to_conformance_processes_and_jobs() {
        try (TestServer server = TestServer.start(dir, "tasks:\n  t:\n    command: [true]\n")) {
            JsonNode landing = server.http().get("/").json();

            List<String> hrefs = new ArrayList<>();
            landing.path("links").forEach(l -> hrefs.add(l.path("href").asText()));
            String at = server.http().base();
            assertThat(hrefs).contains(at + "/conformance", at + "/processes", at + "/jobs");
            for (String href : hrefs) {
                assertThat(server.http().get(href).status()).as(href).isEqualTo(200);
            }
        }
    }

    @Test
    void the_python_helper_is_served_as_a_download() {
        try (TestServer server = TestServer.start(dir, "tasks:\n  t:\n    command: [true]\n")) {
            var response = server.http().get("/sluice.py");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Disposition")).contains("sluice.py");
            assertThat(response.bytes()).isEqualTo(dev.sluice.worker.PythonHelper.source());
        }
    }

    @Test
    void conformance_declares_the_core_and_job_list_classes() {
        try (TestServer server = TestServer.start(dir, "tasks:\n  t:\n    command: [true]\n")) {
            JsonNode conformance = server.http().get("/conformance").json();

            assertThat(conformance.path("conformsTo").toString())
                    .contains("ogcapi-processes-1/1.0/conf/core", "ogcapi-processes-1/1.0/conf/job-list");
        }
    }
}
