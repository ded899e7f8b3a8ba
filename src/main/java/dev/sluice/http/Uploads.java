package dev.sluice.http;

import dev.sluice.SluiceException;
import dev.sluice.config.DataSize;
import dev.sluice.config.InputSpec;
import dev.sluice.worker.JobFolder;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Moves uploaded files into a job's `in/` folder under names the server chooses, never the client's. */
final class Uploads {

    private static final Pattern SAFE_EXTENSION = Pattern.compile("[a-z0-9]{1,10}");

    private Uploads() {
    }

    /** Stores the upload as `in/<input>.<ext>` and returns that file name, the value the command will see. */
    static String store(String input, InputSpec spec, UploadedFile upload, JobFolder folder) {
        if (spec.maxSize() != null && upload.size() > spec.maxSize().bytes()) {
            throw Problems.tooLarge("file input '" + input + "' is " + new dev.sluice.config.DataSize(upload.size())
                    + "; its limit is " + spec.maxSize(), spec.maxSize().bytes(), Map.of("input", input));
        }
        String name = input + extensionOf(upload.filename());
        try (InputStream content = upload.content()) {
            folder.createForInputs();
            Files.copy(content, folder.in().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store upload for input " + input, e);
        }
        return name;
    }

    private static String extensionOf(String clientName) {
        if (clientName == null) {
            return "";
        }
        String base = clientName.substring(Math.max(clientName.lastIndexOf('/'), clientName.lastIndexOf('\\')) + 1);
        int dot = base.lastIndexOf('.');
        String extension = dot < 0 ? "" : base.substring(dot + 1).toLowerCase(Locale.ROOT);
        return SAFE_EXTENSION.matcher(extension).matches() ? "." + extension : "";
    }

    /** Turns the servlet container's complaint about a multipart body into a problem a person understands. */
    static SluiceException explain(Exception unreadable, DataSize maxUpload) {
        // why: the container's reason ("max length exceeded") lies a few causes deep, under "400: bad multipart"
        Throwable t = unreadable;
        for (int depth = 0; t != null && depth < 10; depth++, t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("max") || message.contains("exceed")) {
                return Problems.tooLarge("the upload is larger than this server accepts; its limit is " + maxUpload,
                        maxUpload.bytes(), Map.of());
            }
        }
        return Problems.badRequest("the multipart/form-data body could not be read; check its boundary and parts");
    }

    static void removeQuietly(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a leftover folder of a refused request holds no job and harms nothing
        }
    }
}
