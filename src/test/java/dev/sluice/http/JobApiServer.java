package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.ServerFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A real server with echo, upload, leak and gate tasks, for the happy paths of the HTTP API, and the helpers they share. */
abstract class JobApiServer extends ServerFixture {

    HttpTestClient http;
    private Path release;

    @BeforeEach
    void startServer() {
        release = dir.resolve("release");
        Path scripts = dir.resolve("scripts");
        Path echo = Scripts.write(scripts, "echo.sh", """
                printf '%s' "$1" > "$4/echo.txt"
                printf 'n=%s flag=%s' "$2" "$3" > "$4/args.txt"
                printf '<!doctype html><title>echo</title><p>%s</p>' "$1" > "$4/page.html"
                echo "echoed $1\"""");
        Path upload = Scripts.write(scripts, "upload.sh", """
                printf '%s' "$1" > "$2/where.txt"
                cp "$1" "$2/copy.bin\"""");
        Path leak = Scripts.write(scripts, "leak.sh", """
                ln -s /etc/passwd "$1/secret.txt"
                echo ok > "$1/note.txt\"""");
        Path gate = Scripts.write(scripts, "gate.sh",
                "while [ ! -e \"" + release + "\" ]; do sleep 0.05; done");
        start("""
                tasks:
                  echo:
                    title: Echo a text
                    command: %s
                    inputs:
                      text: { type: string, max-length: 20, pattern: "[a-z ]*" }
                      n: { type: integer, min: 1, max: 10, default: 3 }
                      ratio: { type: number, min: 0, max: 1, step: 0.1, required: false }
                      level: { type: integer, min: 1, max: 9, step: 2, required: false }
                      flag: { type: boolean, default: false }
                      colour: { type: string, enum: [red, green], required: false }
                    outputs:
                      echo: { file: echo.txt, type: string }
                      page: { file: page.html }
                      args: { file: args.txt }
                  upload:
                    command: %s
                    inputs:
                      data: { type: file, max-size: 64KB }
                    outputs:
                      where: { file: where.txt, type: string }
                      copy: { file: copy.bin }
                  leak:
                    command: %s
                    outputs:
                      secret: { file: secret.txt, optional: true }
                      note: { file: note.txt, type: string }
                  gate:
                    command: %s
                queues:
                  default: { concurrency: 1, max-waiting: 10 }
                """.formatted(Scripts.command(echo, "{text}", "{n}", "{flag}", "{out}"), Scripts.command(upload, "{data}", "{out}"),
                Scripts.command(leak, "{out}"), Scripts.command(gate)));
        http = server.http();
    }

    /** Lets jobs held by gate.sh end, so the server stops without waiting on them. */
    @AfterEach
    void openTheGate() throws IOException {
        Files.writeString(release, "go");
    }

    // --- helpers

    String succeeded(String task, String inputsJson) {
        String id = server.submit(task, inputsJson);
        JsonNode end = server.awaitEnd(id);
        assertThat(end.path("status").asText()).as(end.toString()).isEqualTo("successful");
        return id;
    }

    static String hrefOf(JsonNode links, String rel) {
        for (JsonNode link : links) {
            if (rel.equals(link.path("rel").asText())) {
                return link.path("href").asText();
            }
        }
        return null;
    }
}
