package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.HttpTestClient.Part;
import dev.sluice.testing.HttpTestClient.Response;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.ServerFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;

/** A real server whose tasks take files checked by content and images, for the upload tests, and the helpers they share. */
abstract class UploadServer extends ServerFixture {

    HttpTestClient http;

    @BeforeEach
    void startServer() {
        Path done = Scripts.write(dir.resolve("scripts"), "done.sh", "echo done > \"$1/done.txt\"");
        start("""
                tasks:
                  files:
                    command: %1$s
                    inputs:
                      picture: { type: file, accept: [image/png], required: false }
                      table: { type: file, accept: [text/csv, application/json], max-size: 4KB, required: false }
                      settings: { type: file, accept: application/json, required: false }
                      anything: { type: file, required: false }
                  images:
                    command: %1$s
                    inputs:
                      photo: { type: image, max-dimension: 500, required: false }
                      small: { type: image, max-pixels: 10000, required: false }
                      png: { type: image, accept: [image/png], max-size: 64KB, required: false }
                """.formatted(Scripts.command(done, "{out}")));
        http = server.http();
    }

    // --- helpers

    Response upload(String task, String input, String fileName, byte[] content) {
        return http.multipart("/processes/" + task + "/execution", List.of(Part.file(input, fileName, content)));
    }

    /** Uploads one file, expects the job to be created, and returns the files in its `in/` folder. */
    List<Path> accepted(String task, String input, String fileName, byte[] content) {
        Response r = upload(task, input, fileName, content);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        Path in = server.dataDir().resolve("jobs").resolve(r.json().path("jobID").asText()).resolve("in");
        try (Stream<Path> files = Files.list(in)) {
            return files.toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** After a refusal: no job folder and no job. */
    void assertNothingLeftBehind() {
        Path jobs = server.dataDir().resolve("jobs");
        if (Files.isDirectory(jobs)) {
            try (Stream<Path> folders = Files.list(jobs)) {
                assertThat(folders).isEmpty();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        assertThat(http.get("/jobs").json().path("jobs")).isEmpty();
    }
}
