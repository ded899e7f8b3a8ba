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

/**
 * Answers GET and HEAD under the prefixed mounts in Jetty's core, ahead of the servlet layer, Javalin's router and
 * its before- and after-handlers, which cost a small file most of its time. Whatever it does not take (another method,
 * a request with a body, any other path) goes on to Javalin, where the same mounts are routes as before.
 */
final class StaticMountHandler extends Handler.Wrapper {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StaticMountHandler.class);

    private final List<StaticMountRoute> mounts;
    private final Hrefs hrefs;
    private final ObjectMapper json;
    private final HttpRequestMetrics metrics;
    private final Optional<CorsPolicy> cors;

    StaticMountHandler(List<StaticMountRoute> mounts, Hrefs hrefs, ObjectMapper json, HttpRequestMetrics metrics,
                       Optional<CorsPolicy> cors) {
        this.mounts = mounts;
        this.hrefs = hrefs;
        this.json = json;
        this.metrics = metrics;
        this.cors = cors;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String method = request.getMethod();
        // why: a body is Javalin's to refuse or drain (its size limit), as on any other route
        if (mounts.isEmpty() || !(method.equals("GET") || method.equals("HEAD"))
                || request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH) > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            return super.handle(request, response, callback);
        }
        // why: this runs before the servlet filter that strips `server.base-path`, so it strips it itself
        String path = hrefs.routed(request.getHttpURI().getPath());
        StaticMountRoute mount = mountOf(path);
        if (mount == null) {
            return super.handle(request, response, callback);
        }
        CoreExchange ex = new CoreExchange(request, response, callback, path);
        try {
            cors.ifPresent(policy -> policy.markAnswer(ex));
            mount.get(ex);
            ex.complete();
        } catch (SluiceException problem) {
            // why: once the last write is under way the callback is Jetty's, which ends the exchange either way
            if (!ex.completing() && ex.committed()) {
                callback.failed(problem);
            } else if (!ex.completing()) {
                sendProblem(ex, response, callback, problem, path);
            }
        } catch (Throwable failed) {
            if (!(failed instanceof java.io.IOException)) {
                log.error("event=static-failed path={} reason=\"{}\"", path, failed.toString(), failed);
            }
            if (!ex.completing()) {
                callback.failed(failed);
            }
        }
        // why: counted as Javalin counts the same route, so the series does not change when the handler moved
        metrics.answered(method, path.length() > mount.prefix().length() + 1 ? mount.prefix() + "/<path>" : mount.prefix(), ex.status());
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

    private void sendProblem(CoreExchange ex, Response response, Callback callback, SluiceException problem, String path) {
        byte[] doc = Problems.document(json, problem, hrefs.to(path));
        ex.status(problem.status());
        // why: the document is plain JSON, whatever coding or length the file would have had
        ex.header("Content-Encoding", null);
        ex.header("Content-Length", String.valueOf(doc.length));
        ex.header("Content-Type", Problems.CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(doc), callback);
    }
}
