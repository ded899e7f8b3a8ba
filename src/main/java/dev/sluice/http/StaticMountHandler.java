package dev.sluice.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.SluiceException;
import dev.sluice.metrics.HttpRequestMetrics;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.VirtualThreads;

/**
 * Answers GET and HEAD under the prefixed mounts in Jetty's core, ahead of the servlet layer, Javalin's router and
 * its before- and after-handlers, which cost a small file most of its time. Whatever it does not take (another method,
 * a request with a body, any other path) goes on to Javalin, where the same mounts are routes as before.
 * <p>
 * It declares itself non-blocking, so Jetty calls it on the thread that read the request instead of handing every
 * request to a new thread: a small file is answered right there, in one write that never waits (as nginx answers
 * from its event loop), and everything else is handed to a virtual thread here, as Jetty would have done.
 */
final class StaticMountHandler extends Handler.Wrapper {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StaticMountHandler.class);

    private final List<StaticMountRoute> mounts;
    private final Hrefs hrefs;
    private final ObjectMapper json;
    private final HttpRequestMetrics metrics;
    private final Optional<CorsPolicy> cors;
    private final MappedFiles mappings = new MappedFiles();
    private final Runnable afterStop;

    /** {@code afterStop} runs when the server has stopped (it gives back what every mount, `/` too, holds open). */
    StaticMountHandler(List<StaticMountRoute> mounts, Hrefs hrefs, ObjectMapper json, HttpRequestMetrics metrics,
                       Optional<CorsPolicy> cors, Runnable afterStop) {
        this.afterStop = afterStop;
        this.mounts = mounts;
        this.hrefs = hrefs;
        this.json = json;
        this.metrics = metrics;
        this.cors = cors;
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        afterStop.run();
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        // why: a body is Javalin's to refuse or drain (its size limit), as on any other route
        if (mounts.isEmpty() || !(method.equals("GET") || method.equals("HEAD"))
                || request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH) > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            return onThread(() -> passOn(request, response, callback));
        }
        // why: this runs before the servlet filter that strips `server.base-path`, so it strips it itself
        String path = hrefs.routed(request.getHttpURI().getPath());
        StaticMountRoute mount = mountOf(path);
        if (mount == null) {
            return onThread(() -> passOn(request, response, callback));
        }
        if (!answer(new CoreExchange(request, response, callback, path, true, mappings), mount, path)) {
            // why: the answer has to be written in pieces (a large file, gzip on the way), which waits on the client
            response.reset();
            return onThread(() -> answer(new CoreExchange(request, response, callback, path, false, mappings), mount, path));
        }
        return true;
    }

    /** Answers from the mount; false when it found it must write in pieces and was asked not to (nothing sent yet). */
    private boolean answer(CoreExchange ex, StaticMountRoute mount, String path) {
        try {
            cors.ifPresent(policy -> policy.markAnswer(ex));
            mount.get(ex);
            ex.complete();
        } catch (CoreExchange.NeedsThread pieces) {
            return false;
        } catch (SluiceException problem) {
            // why: once the last write is under way the callback is Jetty's, which ends the exchange either way
            if (!ex.completing() && ex.committed()) {
                ex.callback().failed(problem);
            } else if (!ex.completing()) {
                sendProblem(ex, problem, path);
            }
        } catch (Throwable failed) {
            if (!(failed instanceof java.io.IOException)) {
                log.error("event=static-failed path={} reason=\"{}\"", path, failed.toString(), failed);
            }
            if (!ex.completing()) {
                ex.callback().failed(failed);
            }
        }
        // why: counted as Javalin counts the same route, so the series does not change when the handler moved
        metrics.answered(ex.method(), path.length() > mount.prefix().length() + 1 ? mount.pathTemplate() : mount.prefix(), ex.status());
        return true;
    }

    private void passOn(Request request, Response response, Callback callback) {
        try {
            if (!super.handle(request, response, callback)) {
                Response.writeError(request, response, callback, 404);
            }
        } catch (Throwable failed) {
            Response.writeError(request, response, callback, failed);
        }
    }

    private boolean onThread(Runnable work) {
        VirtualThreads.execute(getServer().getThreadPool(), work);
        return true;
    }

    private StaticMountRoute mountOf(String path) {
        for (StaticMountRoute mount : mounts) {
            String prefix = mount.prefix();
            if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
                return mount;
            }
        }
        return null;
    }

    private void sendProblem(CoreExchange ex, SluiceException problem, String path) {
        byte[] doc = Problems.document(json, problem, hrefs.to(path));
        ex.status(problem.status());
        // why: the document is plain JSON, whatever coding or length the file would have had
        ex.header("Content-Encoding", null);
        ex.header("Content-Length", String.valueOf(doc.length));
        ex.header("Content-Type", Problems.CONTENT_TYPE);
        ex.sendWhole(doc, doc.length);
    }
}
