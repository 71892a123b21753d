package dev.tally.command.mail;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Sends Tally's mails over SMTP ({@code spring.mail.*}), composed and sent off the request thread: a request's answer
 * and its timing must not tell whether a mail went out (password reset and registration answer alike for known and
 * unknown addresses), and a slow mail server must not hold requests. Logs never carry the address, the text or its
 * tokens. Without {@code spring.mail.host} nothing is composed or sent, and each mail is logged as not sent.
 */
@Component
public class Mail {

    private static final Logger log = LoggerFactory.getLogger(Mail.class);

    private final ObjectProvider<JavaMailSender> sender;
    private final MailSettings settings;
    private final ExecutorService outbox = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "mail-outbox");
        thread.setDaemon(true);
        return thread;
    });

    Mail(ObjectProvider<JavaMailSender> sender, MailSettings settings) {
        this.sender = sender;
        this.settings = settings;
    }

    /** A mail to send; its {@code toString} names no address and no text. */
    public record Message(String to, String subject, String text) {
        @Override
        public String toString() {
            return "Message[subject=" + subject + "]";
        }
    }

    public MailSettings settings() {
        return settings;
    }

    /**
     * Composes (which may look people up and issue tokens) and sends, later, on the outbox thread.
     *
     * @param kind    what the mail is, for the log ("password reset")
     * @param compose the mail, or empty when there is none to send (an unknown address)
     */
    public void send(String kind, Supplier<Optional<Message>> compose) {
        JavaMailSender smtp = sender.getIfAvailable();
        if (smtp == null) {
            log.warn("No SMTP server is configured (spring.mail.host): a {} mail was not sent", kind);
            return;
        }
        outbox.execute(() -> {
            try {
                compose.get().ifPresent(message -> {
                    SimpleMailMessage mail = new SimpleMailMessage();
                    mail.setFrom(settings.from());
                    mail.setTo(message.to());
                    mail.setSubject(message.subject());
                    mail.setText(message.text());
                    smtp.send(mail);
                    log.info("Sent a {} mail", kind);
                });
            } catch (RuntimeException e) { // its message may name the address: only the kind of failure is logged
                log.warn("Could not send a {} mail: {}", kind, e.getClass().getSimpleName());
            }
        });
    }

    @PreDestroy
    void stop() {
        outbox.shutdown();
    }
}
