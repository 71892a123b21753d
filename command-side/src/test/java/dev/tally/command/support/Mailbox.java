package dev.tally.command.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;

/**
 * A real SMTP server in the test JVM (GreenMail, on a free port) that the command side sends its mails to. Mails go out
 * in order on one thread, so once a later mail has arrived every earlier request's mail (or its absence) is settled.
 */
public final class Mailbox {

    private static final GreenMail SERVER = start();

    private Mailbox() {
    }

    private static GreenMail start() {
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    public static int port() {
        return SERVER.getSmtp().getPort();
    }

    public record Mail(String to, String subject, String body) {

        /** The token of the mail's link for {@code action} ({@code …/#reset-password=TOKEN}). */
        public String token(String action) {
            Matcher matcher = Pattern.compile("#" + action + "=([A-Za-z0-9_-]+)").matcher(body);
            if (!matcher.find()) {
                throw new AssertionError("no " + action + " link in: " + body);
            }
            return matcher.group(1);
        }
    }

    /** Every mail received for this address so far, oldest first. */
    public static List<Mail> to(String address) {
        return Arrays.stream(SERVER.getReceivedMessages())
                .filter(message -> recipient(message).equalsIgnoreCase(address))
                .map(message -> new Mail(address, subject(message), GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=3D", "=")))
                .toList();
    }

    /** Waits for the {@code n}-th mail (1-based) to this address whose subject contains {@code subject}. */
    public static Mail await(String address, String subject, int n) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> matching(address, subject), mails -> mails.size() >= n).get(n - 1);
    }

    public static Mail await(String address, String subject) {
        return await(address, subject, 1);
    }

    public static List<Mail> matching(String address, String subject) {
        return to(address).stream().filter(mail -> mail.subject().contains(subject)).toList();
    }

    private static String recipient(Message message) {
        try {
            return ((InternetAddress) message.getAllRecipients()[0]).getAddress();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(Message message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
