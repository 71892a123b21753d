package dev.tally.platform.web;

import dev.tally.platform.text.TextPolicy;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Map;

/**
 * What every request must keep before anything reads it: a body of at most {@code maxBodyBytes} (413 when the
 * declared length is over, or when a body without one grows past it while it is read), and query parameters that
 * pass the text policy (PostgreSQL text holds no NUL; 400 naming the parameter). Oversized headers are Tomcat's to
 * refuse ({@code server.max-http-request-header-size}, 400).
 */
public class RequestLimits extends OncePerRequestFilter {

    private final long maxBodyBytes;
    private final ProblemResponses problems;

    /** Bank files for import ({@code /api/v1/imports}) and the ECB's rates history are the bodies allowed to be larger. */
    static final String IMPORTS = "/api/v1/imports";
    static final String EXCHANGE_RATES = "/admin/exchange-rates";

    private final long maxImportBytes;

    public RequestLimits(long maxBodyBytes, ProblemResponses problems) {
        this(maxBodyBytes, maxBodyBytes, problems);
    }

    public RequestLimits(long maxBodyBytes, long maxImportBytes, ProblemResponses problems) {
        this.maxImportBytes = maxImportBytes;
        this.maxBodyBytes = maxBodyBytes;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String uri = request.getRequestURI();
        long max = uri.startsWith(IMPORTS) || uri.startsWith(EXCHANGE_RATES) ? Math.max(maxBodyBytes, maxImportBytes) : maxBodyBytes;
        if (request.getContentLengthLong() > max) {
            problems.write(response, BodyTooLarge.problem(max));
            return;
        }
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            for (String value : parameter.getValue()) {
                TextPolicy.Result text = TextPolicy.normalise(value, false);
                if (text.refused()) {
                    problems.write(response, new InvalidRequest(parameter.getKey(), text.refusal()));
                    return;
                }
            }
        }
        chain.doFilter(request.getContentLengthLong() < 0 ? new Capped(request, max) : request, response);
    }

    /** A body without a declared length, cut off once it passes the cap. */
    private static final class Capped extends HttpServletRequestWrapper {
        private final long max;
        private ServletInputStream stream;

        Capped(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        count(b < 0 ? 0 : 1);
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        count(Math.max(n, 0));
                        return n;
                    }

                    private void count(int n) {
                        read += n;
                        if (read > max) {
                            throw new BodyTooLarge(max);
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }

    /** A body past the cap: 413. */
    public static final class BodyTooLarge extends ApiException {
        BodyTooLarge(long max) {
            super("payload_too_large", "The request body is larger than " + max + " bytes.", null);
        }

        static ApiException problem(long max) {
            return new BodyTooLarge(max);
        }

        @Override
        public HttpStatus status() {
            return HttpStatus.PAYLOAD_TOO_LARGE;
        }
    }
}
