package dev.sluice.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.SluiceException;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes RFC 9457 problem documents: the one place where an error becomes an HTTP response. */
final class Problems {

    static final String CONTENT_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://sluice.dev/problems/";

    private Problems() {
    }

    static void write(Context ctx, ObjectMapper json, SluiceException problem) {
        write(ctx, json, problem.status(), problem.type(), problem.title(), problem.detail(), problem.extensions());
    }

    static void write(Context ctx, ObjectMapper json, int status, String type, String title, String detail,
                      Map<String, Object> extensions) {
        byte[] doc = document(json, status, type, title, detail, extensions, dev.sluice.web.PageRoutes.basePathOf(ctx) + ctx.path());
        if (status == 408 || status == 413 || ctx.isMultipartFormData()) {
            // why: the body of such a request may be left half-read, and Jetty then closes the connection after the
            // answer; a client not told so would send its next request into a connection that is closing
            ctx.header("Connection", "close");
        } else {
            readSmallBodyToItsEnd(ctx);
        }
        // why: as text, the body would be encoded by a charset guessed from a content type that names none
        ctx.status(status).contentType(CONTENT_TYPE).result(doc);
    }

    /** The largest unread body read to its end before a refusal, so the connection or HTTP/2 stream ends cleanly. */
    private static final long DRAINED_BODY = 64 * 1024;

    // why: a request refused before its body was read (a cross-site submission, say) left the body unread; over HTTP/2
    // Jetty then resets the stream after the answer, and a client still sending the body gets the reset instead of
    // the answer (the JDK's client throws "RST_STREAM received")
    private static void readSmallBodyToItsEnd(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        if (length <= 0 || length > DRAINED_BODY) {
            return;
        }
        try {
            ctx.req().getInputStream().readNBytes((int) length);
        } catch (IOException | IllegalStateException unreadable) {
            // read already, or the client went away: nothing is left to end cleanly
        }
    }

    /** The document itself, for an answer written below Javalin (the static mounts' core handler). */
    static byte[] document(ObjectMapper json, SluiceException problem, String instance) {
        return document(json, problem.status(), problem.type(), problem.title(), problem.detail(), problem.extensions(), instance);
    }

    private static byte[] document(ObjectMapper json, int status, String type, String title, String detail,
                                   Map<String, Object> extensions, String instance) {
        ObjectNode doc = json.createObjectNode();
        // why: a type of a standard (OGC's exceptions) is written whole; Sluice's own are short names under its base
        doc.put("type", type.startsWith("http://") || type.startsWith("https://") ? type : TYPE_BASE + type);
        doc.put("title", title);
        doc.put("status", status);
        doc.put("detail", detail);
        doc.put("instance", instance);
        extensions.forEach((key, value) -> doc.set(key, json.valueToTree(value)));
        return doc.toString().getBytes(StandardCharsets.UTF_8);
    }

    static SluiceException notFound(String what) {
        return new SluiceException(404, "not-found", "Not found", what);
    }

    static SluiceException badInput(String input, String reason) {
        return new SluiceException(400, "invalid-input", "Invalid input", "input '" + input + "' " + reason,
                Map.of("input", input));
    }

    /** A query parameter with a value the route cannot use; {@code parameter} names it for clients. */
    static SluiceException badParameter(String parameter, String reason) {
        return new SluiceException(400, "bad-request", "Bad request", "parameter '" + parameter + "' " + reason,
                Map.of("parameter", parameter));
    }

    static SluiceException badRequest(String detail) {
        return new SluiceException(400, "bad-request", "Bad request", detail);
    }

    // why: a refusal that quotes a limit says which setting sets it, or where the way around it lies
    static String limitKey(boolean upload, long largestJsonBody) {
        return upload ? " (server.max-upload in the server's config)"
                : " (server.max-upload, and " + new dev.sluice.config.DataSize(largestJsonBody) + " at most for JSON;"
                + " send large files as a multipart/form-data upload)";
    }

    static SluiceException tooLarge(String detail, long limitBytes, Map<String, Object> more) {
        Map<String, Object> extensions = new java.util.HashMap<>(more);
        extensions.put("limit", limitBytes);
        return new SluiceException(413, "too-large", "Request too large", detail, extensions);
    }
}
