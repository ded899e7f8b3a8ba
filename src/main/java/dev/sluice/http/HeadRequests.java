package dev.sluice.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * HEAD answered as GET would be, without the body (RFC 9110 9.3.2): the route's own status, `Content-Type` and
 * length. Javalin alone answers HEAD of a GET route with an empty `text/plain` 200, even for a job that does not
 * exist. An event stream never ends, so HEAD of one is left to Javalin rather than run as a GET.
 */
final class HeadRequests implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse answer
                && "HEAD".equals(http.getMethod()) && !http.getRequestURI().endsWith("/events")) {
            WithoutBody bodiless = new WithoutBody(answer);
            chain.doFilter(new AsGet(http), bodiless);
            bodiless.finish();
            return;
        }
        chain.doFilter(request, response);
    }

    private static final class AsGet extends HttpServletRequestWrapper {

        AsGet(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getMethod() {
            return "GET";
        }
    }

    /** Counts what the route writes and drops it; the length counted is the one a GET would have been sent. */
    private static final class WithoutBody extends HttpServletResponseWrapper {

        private final Counting counted = new Counting();
        private PrintWriter writer;
        private boolean lengthSet;

        WithoutBody(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return counted;
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
                writer = new PrintWriter(new OutputStreamWriter(counted, charset));
            }
            return writer;
        }

        @Override
        public void setContentLength(int length) {
            lengthSet = true;
            super.setContentLength(length);
        }

        @Override
        public void setContentLengthLong(long length) {
            lengthSet = true;
            super.setContentLengthLong(length);
        }

        @Override
        public void setHeader(String name, String value) {
            lengthSet |= "Content-Length".equalsIgnoreCase(name);
            super.setHeader(name, value);
        }

        @Override
        public void addHeader(String name, String value) {
            lengthSet |= "Content-Length".equalsIgnoreCase(name);
            super.addHeader(name, value);
        }

        @Override
        public void resetBuffer() {
            counted.bytes = 0;
            super.resetBuffer();
        }

        void finish() {
            if (writer != null) {
                writer.flush();
            }
            if (!lengthSet && !isCommitted()) {
                super.setContentLengthLong(counted.bytes);
            }
        }
    }

    private static final class Counting extends ServletOutputStream {

        private long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            try {
                listener.onWritePossible();
            } catch (IOException e) {
                listener.onError(e);
            }
        }
    }
}
