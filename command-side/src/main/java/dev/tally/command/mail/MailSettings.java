package dev.tally.command.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What Tally's mails say about themselves: {@code from}, and {@code linkBase}, the address of the web page their links
 * open (tokens go in the link's fragment, which browsers never send to a server, so they stay out of access logs).
 * The SMTP server itself is Spring Boot's {@code spring.mail.*} (SPRING_MAIL_HOST, SPRING_MAIL_PORT …).
 */
@ConfigurationProperties("tally.mail")
public record MailSettings(String from, String linkBase) {

    public MailSettings {
        from = from == null || from.isBlank() ? "Tally <no-reply@tally.localhost>" : from;
        linkBase = linkBase == null || linkBase.isBlank() ? "http://localhost:8080/" : linkBase;
        linkBase = linkBase.endsWith("/") ? linkBase : linkBase + "/";
    }

    /** A link to the web page carrying {@code action=token} in its fragment. */
    public String link(String action, String token) {
        return linkBase + "#" + action + "=" + token;
    }
}
