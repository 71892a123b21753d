package dev.tally.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * An API answer leaves in one write, with its length. Spring MVC flushes the stream and the buffer once it has written
 * the body, so Tomcat sent the headers and the body as a chunk then, and the closing chunk in a second write when the
 * request ended: two system calls an answer (about 2 % of the standalone server's CPU under load), and a chunked body
 * for every client to decode. Here flushes before the end are not passed on: Tomcat sends an answer that fits its
 * buffer whole, with {@code Content-Length}, when the request completes; a longer one (an export) still streams as
 * the buffer fills, and ends when the request does.
 */
public class WholeAnswers extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            private ServletOutputStream body;

            @Override
            public ServletOutputStream getOutputStream() throws IOException {
                if (body == null) {
                    body = new Unflushed(super.getOutputStream());
                }
                return body;
            }

            @Override
            public void flushBuffer() {
                // as a flush of the body: Spring MVC asks for both once it has written an answer
            }
        });
    }

    private static final class Unflushed extends ServletOutputStream {
        private final ServletOutputStream out;

        Unflushed(ServletOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() {
            // Tomcat writes what its buffer holds when it fills, and the rest when the request completes
        }

        @Override
        public void close() throws IOException {
            out.close();
        }

        @Override
        public boolean isReady() {
            return out.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            out.setWriteListener(listener);
        }
    }
}
