package dev.tally.command.identity;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import dev.tally.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Identity")
public class MeController {

    private final Erasures erasures;

    MeController(Erasures erasures) {
        this.erasures = erasures;
    }

    public record EraseRequest(@JsonDeserialize(using = StringDeserializer.class) String currentPassword) {
        @Override
        public String toString() {
            return "EraseRequest[]";
        }
    }

    @DeleteMapping
    @Operation(summary = "Erase my account", description = "currentPassword. Ends every session, destroys the data key that "
            + "encrypts the caller's personal data in events (crypto-shredding), deletes their credentials and read models; "
            + "others see them as \"deleted user\". Export first (GET /api/v1/export/personal). 204. 400 without "
            + "currentPassword; 403 wrong_password, throttled like sign-in (429 too_many_attempts).")
    public ResponseEntity<Void> erase(@RequestBody(required = false) EraseRequest request, Caller caller, HttpServletRequest http) {
        erasures.erase(caller, request == null ? null : request.currentPassword(), http.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }
}
