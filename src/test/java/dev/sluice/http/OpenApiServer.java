package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.ServerFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;

/** A real server whose tasks use every kind of input (values with each check, files, images) and output, for /api. */
abstract class OpenApiServer extends ServerFixture {

    JsonNode document;

    @BeforeEach
    void startServer() {
        Path scripts = dir.resolve("scripts");
        Path echo = Scripts.write(scripts, "echo.sh", """
                printf '%s' "$1" > "$2/echo.txt"
                printf '<!doctype html><title>echo</title><p>%s</p>' "$1" > "$2/page.html\"""");
        try {
            java.nio.file.Files.createDirectories(dir.resolve("site"));
            java.nio.file.Files.writeString(dir.resolve("site/a.txt"), "a file");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Path copy = Scripts.write(scripts, "copy.sh", "cp \"$1\" \"$2/copy.bin\"");
        // why: the examples made from the description carry a subscriber on this machine, which callbacks then allow
        server = dev.sluice.testing.TestServer.start(dir, """
                tasks:
                  echo:
                    title: Echo a text
                    description: Writes the text back, as text and as a page.
                    command: %s
                    inputs:
                      text: { type: string, max-length: 20, pattern: "[a-z ]+", description: lower-case words }
                      n: { type: integer, min: 1, max: 10, default: 3 }
                      ratio: { type: number, min: 0.5, max: 1, step: 0.1, required: false }
                      level: { type: integer, min: 1, max: 9, step: 2 }
                      flag: { type: boolean }
                      colour: { type: string, enum: [red, green], required: false }
                    outputs:
                      echo: { file: echo.txt, type: string }
                      page: { file: page.html, title: The page }
                  upload:
                    command: %s
                    inputs:
                      data: { type: file, max-size: 64KB, accept: [text/plain] }
                      label: { type: string, required: false }
                    outputs:
                      copy: { file: copy.bin }
                  picture:
                    command: %s
                    inputs:
                      photo: { type: image, max-dimension: 100 }
                    outputs:
                      copy: { file: copy.bin }
                  plain-task:
                    command: [bash, -c, "exit 0"]
                    sync: { max-wait: 10s }
                static:
                  "/files": ./site
                  "/": ./site
                """.formatted(Scripts.command(echo, "{text}", "{out}"), Scripts.command(copy, "{data}", "{out}"),
                Scripts.command(copy, "{photo}", "{out}")), java.util.Map.of("SLUICE_SERVER_CALLBACKS_ALLOW", "[127.0.0.1/32]"));
        document = server.http().get("/api").json();
    }

    /** The schema a `$ref` names, or the schema itself when it is no reference. */
    JsonNode resolved(JsonNode schema) {
        JsonNode ref = schema.path("$ref");
        return ref.isTextual() ? document.at(ref.asText().substring(1)) : schema;
    }
}
