package dev.sluice.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * Sends one file of a mount: the precompressed sibling (`.br`, `.gz`) the client accepts best, else the file,
 * gzipped on the way out when it is text; with validators, a 304 when the client has it, and byte ranges.
 */
final class StaticFileSender {

    // why: below this a gzip header and trailer cost about what compressing saves
    private static final long SMALLEST_GZIPPED = 256;

    private final StaticFolder folder;

    StaticFileSender(StaticFolder folder) {
        this.folder = folder;
    }

    /** Sends {@code file}; false when it cannot be opened as a file of the folder (a second name, gone meanwhile). */
    boolean send(Context ctx, Path file, String cacheControl) throws IOException {
        String type = StaticContentTypes.of(file.getFileName().toString());
        AcceptEncoding accepted = AcceptEncoding.parse(ctx.header("Accept-Encoding"));
        String range = ctx.header("Range");
        for (String coding : preferred(accepted)) {
            Optional<StaticFolder.OpenFile> sibling = siblingOf(file, coding);
            if (sibling.isPresent()) {
                try (StaticFolder.OpenFile open = sibling.get()) {
                    ctx.header("Content-Encoding", coding.equals("br") ? "br" : "gzip");
                    sendOpen(ctx, open, type, cacheControl, coding, range);
                    return true;
                }
            }
        }
        Optional<StaticFolder.OpenFile> opened = folder.open(file);
        if (opened.isEmpty()) {
            return false;
        }
        try (StaticFolder.OpenFile open = opened.get()) {
            boolean gzip = range == null && StaticContentTypes.compressible(type) && open.size() >= SMALLEST_GZIPPED
                    && accepted.weight("gzip") > 0;
            if (gzip) {
                sendGzipped(ctx, open, type, cacheControl);
            } else {
                sendOpen(ctx, open, type, cacheControl, "", range);
            }
            return true;
        }
    }

    private static String[] preferred(AcceptEncoding accepted) {
        double br = accepted.weight("br");
        double gzip = accepted.weight("gzip");
        if (br <= 0 && gzip <= 0) {
            return new String[0];
        }
        if (br <= 0) {
            return new String[] {"gz"};
        }
        if (gzip <= 0) {
            return new String[] {"br"};
        }
        return br >= gzip ? new String[] {"br", "gz"} : new String[] {"gz", "br"};
    }

    private Optional<StaticFolder.OpenFile> siblingOf(Path file, String extension) {
        return folder.find(file.resolveSibling(file.getFileName() + "." + extension)) instanceof StaticFolder.Found.File f
                ? folder.open(f.real()) : Optional.empty();
    }

    private static void sendOpen(Context ctx, StaticFolder.OpenFile open, String type, String cacheControl, String coding,
                                 String range) throws IOException {
        StaticValidators validators = StaticValidators.of(open.size(), open.modifiedMillis(), coding);
        if (heads(ctx, validators, cacheControl)) {
            return;
        }
        boolean partial = range != null && validators.rangeStillFits(ctx.header("If-Range"));
        try {
            FileRanges.serve(ctx, open.channel(), type, partial ? range : null);
        } catch (dev.sluice.SluiceException refused) {
            // why: the problem document sent instead is plain JSON, whatever coding the file would have had
            ctx.res().setHeader("Content-Encoding", null);
            throw refused;
        }
    }

    private static void sendGzipped(Context ctx, StaticFolder.OpenFile open, String type, String cacheControl)
            throws IOException {
        StaticValidators validators = StaticValidators.of(open.size(), open.modifiedMillis(), "gzip");
        if (heads(ctx, validators, cacheControl)) {
            return;
        }
        ctx.contentType(type).header("Content-Encoding", "gzip");
        if (ctx.method() == HandlerType.HEAD) {
            return;
        }
        OutputStream out = ctx.res().getOutputStream();
        GZIPOutputStream gzip = new GZIPOutputStream(out, 8192);
        Channels.newInputStream(open.channel()).transferTo(gzip);
        gzip.finish();
        out.flush();
    }

    /** Writes the headers every answer about the file carries; true when that answer is a 304 and is complete. */
    private static boolean heads(Context ctx, StaticValidators validators, String cacheControl) {
        ctx.header("ETag", validators.etag())
                .header("Last-Modified", validators.lastModified())
                .header("Cache-Control", cacheControl)
                .header("Vary", "Accept-Encoding")
                .header("X-Content-Type-Options", "nosniff");
        if (validators.notModified(ctx)) {
            ctx.res().setHeader("Content-Encoding", null);
            ctx.status(304);
            return true;
        }
        return false;
    }
}
