package dev.sluice.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A warm worker that does nothing, for `sluice train`: it says ready, then answers each job with done, as the warm
 * protocol (docs/warm-workers.md) asks. Written in Java so that the training, like the demo, needs nothing but a JDK.
 */
public final class TrainingWarmWorker {

    private TrainingWarmWorker() {
    }

    public static void main(String[] args) throws IOException {
        ObjectMapper json = new ObjectMapper();
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        say(out, json.createObjectNode().put("type", "ready"));
        for (String line; (line = in.readLine()) != null; ) {
            JsonNode message = json.readTree(line);
            if ("job".equals(message.path("type").asText())) {
                say(out, json.createObjectNode().put("type", "done").put("id", message.path("id").asText()).put("ok", true));
            }
        }
    }

    private static void say(PrintStream out, JsonNode message) {
        out.println(message);
        out.flush();
    }
}
