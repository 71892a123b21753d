package dev.tally.command.ratelimit;

import dev.tally.platform.web.TooManyRequests;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.servlet.HandlerInterceptor;

import java.time.Duration;
import java.util.Optional;

/**
 * Counts every change under {@code /api}: registration, sign-in and refresh per client address (they come before any
 * user is known, and each costs a password hash or a database write), every other change per user. Reads are not
 * counted. A request over its budget is refused before it does any work: 429 with {@code Retry-After}.
 */
public class RateLimitInterceptor implements HandlerInterceptor {

    private final RateLimits limits;
    private final TokenBuckets buckets;

    public RateLimitInterceptor(RateLimits limits, TokenBuckets buckets) {
        this.limits = limits;
        this.buckets = buckets;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return true;
        }
        String path = request.getRequestURI();
        Optional<Duration> wait;
        String what;
        if (path.equals("/api/v1/auth/register")) {
            what = "registrations from your address";
            wait = buckets.take("register:" + request.getRemoteAddr(), limits.registrationsPerAddress());
        } else if (path.equals("/api/v1/auth/login")) {
            what = "sign-ins from your address";
            wait = buckets.take("login:" + request.getRemoteAddr(), limits.signInsPerAddress());
        } else if (path.equals("/api/v1/auth/refresh")) {
            what = "token refreshes from your address";
            wait = buckets.take("refresh:" + request.getRemoteAddr(), limits.refreshesPerAddress());
        } else if (path.startsWith("/api/v1/auth/password-reset") || path.equals("/api/v1/auth/verify-email")) {
            what = "password resets and address confirmations from your address";
            wait = buckets.take("mail-token:" + request.getRemoteAddr(), limits.mailTokensPerAddress());
        } else if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken user) {
            what = "changes for your account (REST and socket together)";
            wait = buckets.take("user:" + user.getToken().getSubject(), limits.commandsPerUser());
        } else {
            return true; // refused as unauthenticated before it gets here
        }
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw new TooManyRequests("rate_limited", "Too many " + what + "; retry in " + seconds + " s.", wait.get());
        }
        return true;
    }
}
