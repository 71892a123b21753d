package dev.tally.command.identity;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import dev.tally.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Identity")
public class AuthController {

    private final Registrations registrations;
    private final SignIns signIns;
    private final PasswordChanges passwordChanges;
    private final EmailVerification verification;

    AuthController(Registrations registrations, SignIns signIns, PasswordChanges passwordChanges, EmailVerification verification) {
        this.registrations = registrations;
        this.signIns = signIns;
        this.passwordChanges = passwordChanges;
        this.verification = verification;
    }

    /** The password is read as sent: it is hashed, never stored or shown, and normalising it would change existing hashes' input. */
    public record RegisterRequest(String email, @JsonDeserialize(using = StringDeserializer.class) String password,
                                  String displayName, String timeZone, String homeCurrency) {
        @Override
        public String toString() {
            return "RegisterRequest[email=" + email + "]";
        }
    }

    public record LogInRequest(String email, @JsonDeserialize(using = StringDeserializer.class) String password) {
        @Override
        public String toString() {
            return "LogInRequest[email=" + email + "]";
        }
    }

    public record RefreshRequest(String refreshToken) {
        @Override
        public String toString() {
            return "RefreshRequest[]";
        }
    }

    public record LogOutRequest(String refreshToken, Boolean allSessions) {
        @Override
        public String toString() {
            return "LogOutRequest[allSessions=" + allSessions + "]";
        }
    }

    public record ChangePasswordRequest(@JsonDeserialize(using = StringDeserializer.class) String currentPassword,
                                        @JsonDeserialize(using = StringDeserializer.class) String newPassword) {
        @Override
        public String toString() {
            return "ChangePasswordRequest[]";
        }
    }

    public record ResetRequest(String email) {
        @Override
        public String toString() {
            return "ResetRequest[]";
        }
    }

    public record ResetConfirmation(String token, @JsonDeserialize(using = StringDeserializer.class) String newPassword) {
        @Override
        public String toString() {
            return "ResetConfirmation[]";
        }
    }

    public record VerifyEmailRequest(String token) {
        @Override
        public String toString() {
            return "VerifyEmailRequest[]";
        }
    }

    /** What a request that may or may not send a mail answers (202), the same either way. */
    public record MailAccepted(String message) {
    }

    @PostMapping("/register")
    @Operation(summary = "Register",
            description = "Email (case-insensitive), password (10 to 128 characters, not an obvious one), displayName (1 to 80), "
                    + "timeZone (an IANA zone such as Europe/Paris, default UTC), homeCurrency (optional, an ISO 4217 code as for "
                    + "PUT /api/v1/me/home-currency; until set, the currency of your first account). Answers 202, the same whether or not the email "
                    + "was registered already (no account enumeration); then sign in with POST /api/v1/auth/login.")
    public ResponseEntity<Registered> register(@RequestBody RegisterRequest request) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(registrations.register(request.email(), request.password(), request.displayName(), request.timeZone(),
                        request.homeCurrency()));
    }

    @PostMapping("/login")
    @Operation(summary = "Sign in", description = "401 invalid_credentials for an unknown email and a wrong password alike; "
            + "429 too_many_attempts with Retry-After while a progressive delay runs after repeated failures for the email from this address.")
    public SignedIn logIn(@RequestBody LogInRequest request, HttpServletRequest http) {
        return signIns.logIn(request.email(), request.password(), http.getRemoteAddr());
    }

    @PostMapping("/refresh")
    @Operation(summary = "Exchange a refresh token", description = "Each refresh token works once and is replaced by the one in the answer. "
            + "Presenting a used one again ends its session. 401 invalid_refresh_token for unknown, expired, used or revoked tokens.")
    public SignedIn refresh(@RequestBody RefreshRequest request) {
        return signIns.refresh(request.refreshToken());
    }

    @PostMapping("/logout")
    @Operation(summary = "Sign out", description = "Ends the access token's session (and the session of refreshToken, if given), "
            + "or every session with allSessions: their refresh tokens stop working and their sockets are closed. 204.")
    public ResponseEntity<Void> logOut(@RequestBody(required = false) LogOutRequest request, Caller caller) {
        LogOutRequest body = request == null ? new LogOutRequest(null, false) : request;
        signIns.logOut(caller, body.refreshToken(), Boolean.TRUE.equals(body.allSessions()));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/password")
    @Operation(summary = "Change the password", description = "currentPassword and newPassword (the registration rules). Ends every "
            + "other session of the caller (their refresh tokens stop working, their sockets close); this one stays. 204. "
            + "403 wrong_password, throttled like sign-in (429 too_many_attempts); 400 when newPassword breaks a rule or equals the current one.")
    public ResponseEntity<Void> changePassword(@RequestBody ChangePasswordRequest request, Caller caller, HttpServletRequest http) {
        passwordChanges.change(caller, request.currentPassword(), request.newPassword(), http.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/password-reset")
    @Operation(summary = "Ask for a password reset mail", description = "202, the same whether or not the email is registered. "
            + "A registered address gets a link with a single-use token valid for 30 minutes (at most 3 mails an hour per address).")
    public ResponseEntity<MailAccepted> requestPasswordReset(@RequestBody ResetRequest request) {
        passwordChanges.requestReset(request.email());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new MailAccepted(
                "If this address has an account, a link to reset its password is on its way; it works once, within 30 minutes."));
    }

    @PostMapping("/password-reset/confirm")
    @Operation(summary = "Reset the password with the mailed token", description = "token and newPassword. Ends every session of the "
            + "account; sign in with the new password. 204. 400 invalid_token for an unknown, used, replaced or expired token; "
            + "400 when newPassword breaks a rule (the token stays usable).")
    public ResponseEntity<Void> resetPassword(@RequestBody ResetConfirmation request) {
        passwordChanges.reset(request.token(), request.newPassword());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/verify-email")
    @Operation(summary = "Confirm the email address with the mailed token", description = "204; again with a used or expired token: "
            + "400 invalid_token.")
    public ResponseEntity<Void> verifyEmail(@RequestBody VerifyEmailRequest request) {
        verification.verify(request.token());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/verify-email/resend")
    @Operation(summary = "Mail a new verification link", description = "202; the caller's earlier links stop working. Nothing is sent "
            + "when the address is confirmed already.")
    public ResponseEntity<MailAccepted> resendVerification(Caller caller) {
        verification.sendLink(caller.userId());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new MailAccepted("Unless your address is confirmed already, a new link is on its way."));
    }
}
