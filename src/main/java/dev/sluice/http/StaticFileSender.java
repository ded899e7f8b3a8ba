package dev.sluice.http;

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
    boolean send(StaticExchange ex, StaticFolder.Found.File file, String cacheControl) throws IOException {
        try {
            return sendFound(ex, file, cacheControl);
        } finally {
            file.release();
        }
    }

    private boolean sendFound(StaticExchange ex, StaticFolder.Found.File file, String cacheControl) throws IOException {
        String type = StaticContentTypes.of(file.real().getFileName().toString());
        AcceptEncoding accepted = AcceptEncoding.parse(ex.header("Accept-Encoding"));
        String range = ex.header("Range");
        for (String coding : preferred(accepted)) {
            Optional<StaticFolder.OpenFile> sibling = siblingOf(file.real(), coding);
            if (sibling.isPresent()) {
                try (StaticFolder.OpenFile open = sibling.get()) {
                    ex.header("Content-Encoding", coding.equals("br") ? "br" : "gzip");
                    sendOpen(ex, open, type, cacheControl, coding, range);
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
                sendGzipped(ex, open, type, cacheControl);
            } else {
                sendOpen(ex, open, type, cacheControl, "", range);
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
                ? folder.open(f) : Optional.empty();
    }

    private static void sendOpen(StaticExchange ex, StaticFolder.OpenFile open, String type, String cacheControl, String coding,
                                 String range) throws IOException {
        StaticValidators validators = StaticValidators.of(open.size(), open.modifiedMillis(), coding);
        if (heads(ex, validators, cacheControl)) {
            return;
        }
        boolean partial = range != null && validators.rangeStillFits(ex.header("If-Range"));
        try {
            FileRanges.serve(ex, open, type, partial ? range : null);
        } catch (dev.sluice.SluiceException refused) {
            // why: the problem document sent instead is plain JSON, whatever coding the file would have had
            ex.header("Content-Encoding", null);
            throw refused;
        }
    }

    private static void sendGzipped(StaticExchange ex, StaticFolder.OpenFile open, String type, String cacheControl)
            throws IOException {
        StaticValidators validators = StaticValidators.of(open.size(), open.modifiedMillis(), "gzip");
        if (heads(ex, validators, cacheControl)) {
            return;
        }
        ex.header("Content-Type", type);
        ex.header("Content-Encoding", "gzip");
        if (ex.head()) {
            return;
        }
        OutputStream out = ex.body();
        GZIPOutputStream gzip = new GZIPOutputStream(out, 8192);
        Channels.newInputStream(open.source().channel()).transferTo(gzip);
        gzip.finish();
        out.flush();
    }

    /** Writes the headers every answer about the file carries; true when that answer is a 304 and is complete. */
    private static boolean heads(StaticExchange ex, StaticValidators validators, String cacheControl) {
        ex.header("ETag", validators.etag());
        ex.header("Last-Modified", validators.lastModified());
        ex.header("Cache-Control", cacheControl);
        // why: added, so a `Vary: Origin` that server.cors put there stays
        ex.addHeader("Vary", "Accept-Encoding");
        ex.header("X-Content-Type-Options", "nosniff");
        if (validators.notModified(ex)) {
            ex.header("Content-Encoding", null);
            ex.status(304);
            return true;
        }
        return false;
    }
}
