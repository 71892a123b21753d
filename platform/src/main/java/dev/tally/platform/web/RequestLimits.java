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
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every request must keep before anything reads it: a body of at most {@code maxBodyBytes} (413 when the
 * declared length is over, or when a body without one grows past it while it is read), and query parameters that
 * pass the text policy (PostgreSQL text holds no NUL; 400 naming the parameter), passed on in NFC; header values of
 * tab and printable ASCII only (400 {@code malformed_request} naming the header). Oversized headers are Tomcat's to
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
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            if (name.equalsIgnoreCase("cookie")) {
                continue; // no part of the API reads one, and another site on the host may have set one in UTF-8
            }
            for (Enumeration<String> values = request.getHeaders(name); values.hasMoreElements(); ) {
                if (!printableAscii(values.nextElement())) {
                    problems.write(response, new HeaderNotAscii(name));
                    return;
                }
            }
        }
        Map<String, String[]> normalised = null;
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            String[] values = parameter.getValue().clone();
            boolean changed = false;
            for (int i = 0; i < values.length; i++) {
                TextPolicy.Result text = TextPolicy.normalise(values[i], false);
                if (text.refused()) {
                    problems.write(response, new InvalidRequest(parameter.getKey(), text.refusal()));
                    return;
                }
                changed |= !text.text().equals(values[i]);
                values[i] = text.text();
            }
            if (changed) {
                if (normalised == null) {
                    normalised = new LinkedHashMap<>(request.getParameterMap());
                }
                normalised.put(parameter.getKey(), values);
            }
        }
        HttpServletRequest checked = normalised == null ? request : new InNfc(request, Collections.unmodifiableMap(normalised));
        chain.doFilter(request.getContentLengthLong() < 0 ? new Capped(checked, max) : checked, response);
    }

    /**
     * Tab and printable ASCII only. Tomcat reads header bytes as ISO-8859-1 and Spring Security's firewall refuses only
     * control characters, and only in a header something reads: UTF-8's "é" (Ã©) passed, in any header, unread or not.
     */
    static boolean printableAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < ' ' || c > '~') && c != '\t') {
                return false;
            }
        }
        return true;
    }

    /**
     * The query parameters as the handlers read them: in NFC, as every text is (a decomposed "cafe\u0301" finds the
     * "café" stored composed). Only a request with such a parameter is wrapped; ASCII is NFC already.
     */
    private static final class InNfc extends HttpServletRequestWrapper {
        private final Map<String, String[]> parameters;

        InNfc(HttpServletRequest request, Map<String, String[]> parameters) {
            super(request);
            this.parameters = parameters;
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return parameters.get(name);
        }
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

    /** A header value that is not ASCII: 400 naming the header (not echoing the value). */
    static final class HeaderNotAscii extends ApiException {
        HeaderNotAscii(String header) {
            super("malformed_request", "The header " + header + " holds characters that are not printable ASCII.",
                    List.of(new FieldError(header, "holds characters that are not printable ASCII")));
        }

        @Override
        public HttpStatus status() {
            return HttpStatus.BAD_REQUEST;
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
