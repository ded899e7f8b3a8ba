package dev.sluice.http;

import dev.sluice.SluiceException;
import dev.sluice.config.DataSize;
import dev.sluice.config.InputSpec;
import dev.sluice.config.InputType;
import dev.sluice.config.MediaType;
import dev.sluice.worker.FolderTree;
import dev.sluice.worker.JobFolder;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Moves uploaded files into a job's `in/` folder under names the server chooses, never the client's, after the
 * checks of their input: size, type judged by content, and for images decoding. A refused file is left for the
 * caller to remove with the rest of the job's folder.
 */
final class Uploads {

    private static final Pattern SAFE_EXTENSION = Pattern.compile("[a-z0-9]{1,10}");
    private static final Pattern TOO_MANY_PARTS = Pattern.compile("too many keys \\[\\d+ > (\\d+)]");

    private final ImageInputs images;

    Uploads(ImageInputs images) {
        this.images = images;
    }

    /** Stores the upload as `in/<input>.<ext>` and returns that file name, the value the command will see. */
    String store(String input, InputSpec spec, UploadedFile upload, JobFolder folder) {
        return store(input, spec, upload.size(), upload::content, upload.filename(), folder);
    }

    /** Stores a file sent inline in a JSON request, its bytes already decoded (/req/ogc-process-description/input-binary). */
    String store(String input, InputSpec spec, byte[] content, JobFolder folder) {
        return store(input, spec, content.length, () -> new java.io.ByteArrayInputStream(content), null, folder);
    }

    private String store(String input, InputSpec spec, long size, Supplier<InputStream> content, String fileName, JobFolder folder) {
        if (spec.maxSize() != null && size > spec.maxSize().bytes()) {
            throw Problems.tooLarge(spec.type().yamlName() + " input '" + input + "' is " + new DataSize(size)
                    + "; its limit is " + spec.maxSize() + " (the input's max-size in the task's config)", spec.maxSize().bytes(),
                    Map.of("input", input));
        }
        try {
            Path received = receive(input, content, folder);
            if (spec.type() == InputType.IMAGE) {
                return images.store(input, spec, received, folder);
            }
            List<MediaType> accepted = spec.acceptedTypes();
            if (accepted.isEmpty()) {
                return moveInto(received, folder, input + extensionOf(fileName));
            }
            return switch (ContentSniffer.check(received, accepted)) {
                case ContentSniffer.Verdict.Accepted ok -> moveInto(received, folder, input + "." + ok.type().extension());
                case ContentSniffer.Verdict.Refused refused -> throw Problems.badInput(input, "must be " + oneOf(accepted)
                        + " (judged by its content, not by its name); this file " + refused.found());
            };
        } catch (IOException e) {
            throw DiskFullProblems.of(e, "input '" + input + "'", Map.of("input", input))
                    .orElseThrow(() -> new UncheckedIOException("cannot store upload for input " + input, e));
        }
    }

    // why: a hidden name that no input can have, so a half-checked upload is never mistaken for a checked one
    private static Path receive(String input, Supplier<InputStream> upload, JobFolder folder) throws IOException {
        folder.createForInputs();
        Path received = folder.in().resolve("." + input + ".received");
        try (InputStream content = upload.get()) {
            Files.copy(content, received);
        }
        return received;
    }

    static String moveInto(Path received, JobFolder folder, String name) throws IOException {
        Files.move(received, folder.in().resolve(name));
        return name;
    }

    static String oneOf(List<MediaType> types) {
        return types.size() == 1 ? types.get(0).mediaTypeName()
                : "one of " + String.join(", ", types.stream().map(MediaType::mediaTypeName).toList());
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
        Optional<SluiceException> tooSlow = SlowBodyGuard.explain(unreadable)
                .or(() -> DiskFullProblems.of(unreadable, "the upload", Map.of()));
        if (tooSlow.isPresent()) {
            return tooSlow.get();
        }
        // why: the container's reason ("max length exceeded") lies a few causes deep, under "400: bad multipart"
        Throwable t = unreadable;
        for (int depth = 0; t != null && depth < 10; depth++, t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            java.util.regex.Matcher parts = TOO_MANY_PARTS.matcher(message);
            if (parts.find()) {
                return Problems.badRequest("the form has more than " + parts.group(1) + " parts; this server reads at most "
                        + parts.group(1) + " in one request");
            }
            if (message.contains("max") || message.contains("exceed")) {
                return Problems.tooLarge("the upload is larger than this server accepts; its limit is " + maxUpload
                        + " (server.max-upload in the server's config)",
                        maxUpload.bytes(), Map.of());
            }
        }
        return Problems.badRequest("the multipart/form-data body could not be read; check its boundary and parts");
    }
}
