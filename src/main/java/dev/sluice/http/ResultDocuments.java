package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.config.OutputSpec;
import dev.sluice.config.TaskConfig;
import dev.sluice.store.Job;
import dev.sluice.worker.JobFolder;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Optional;

/** The results of a successful job: typed outputs inline, file outputs as links. */
final class ResultDocuments {

    // why: an inlined output is read into memory; a larger one is better fetched as a file
    private static final long LARGEST_INLINE = 1 << 20;

    private final ObjectMapper json;
    private final Hrefs hrefs;

    ResultDocuments(ObjectMapper json, Hrefs hrefs) {
        this.json = json;
        this.hrefs = hrefs;
    }

    /** The results document; {@code absolute} turns the server's paths into the URLs the document carries. */
    ObjectNode of(Job job, JobFolder folder, TaskConfig task, java.util.function.UnaryOperator<String> absolute) {
        return of(job, folder, task, absolute, task.outputs().keySet());
    }

    /** The results document with only the outputs named in {@code wanted} (/req/core/job-results-param-outputs). */
    ObjectNode of(Job job, JobFolder folder, TaskConfig task, java.util.function.UnaryOperator<String> absolute,
                  java.util.Set<String> wanted) {
        ObjectNode doc = json.createObjectNode();
        task.outputs().forEach((name, spec) -> {
            if (!wanted.contains(name)) {
                return;
            }
            Optional<Path> file = folder.outputFile(spec.file());
            if (file.isEmpty()) {
                return;
            }
            String href = absolute.apply(hrefs.to("/jobs/" + job.id().value() + "/results/" + name));
            JsonNode inline = spec.inlineType().flatMap(type -> inline(type, file.get())).orElse(null);
            if (inline != null) {
                doc.set(name, inline);
            } else {
                ObjectNode link = doc.putObject(name);
                link.put("href", href);
                link.put("type", ContentTypes.of(spec.file()));
            }
        });
        return doc;
    }

    private Optional<JsonNode> inline(OutputSpec.OutputType type, Path file) {
        try {
            String text;
            try (FileChannel channel = JobFolder.openChecked(file)) {
                if (channel.size() > LARGEST_INLINE) {
                    return Optional.empty();
                }
                text = new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
            }
            return Optional.of(switch (type) {
                case STRING -> json.getNodeFactory().textNode(text);
                case NUMBER -> json.getNodeFactory().numberNode(new BigDecimal(text.trim()));
                case BOOLEAN -> json.getNodeFactory().booleanNode(Boolean.parseBoolean(text.trim()));
                case JSON -> json.readTree(text);
            });
        } catch (IOException | NumberFormatException unreadable) {
            return Optional.empty();
        }
    }
}
