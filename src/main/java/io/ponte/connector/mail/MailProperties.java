package io.ponte.connector.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ponte.mail}: the SMTP server Ponte sends e-mail through (seed 001: Hostinger, {@code smtp.hostinger.com:465}
 * with SSL). A blank or absent host means e-mail is not configured: every send is then a recorded dry run.
 *
 * @param host the SMTP server, e.g. {@code smtp.hostinger.com}
 * @param port 465 for SMTP over SSL ({@code ssl: true}), 587 or 25 for plain SMTP upgraded with STARTTLS
 * @param username the mailbox that authenticates; none: the server takes mail without authentication
 * @param password its password
 * @param from the sender, e.g. {@code Portal Clinic <contato@clinica.com.br>}; default: the username
 * @param ssl true: {@code smtps} (TLS from the first byte); false: {@code smtp}, with STARTTLS when the server offers it
 */
@Validated
@ConfigurationProperties("ponte.mail")
public record MailProperties(
        String host,
        @Min(1) @Max(65535) @DefaultValue("465") int port,
        String username,
        String password,
        String from,
        @DefaultValue("true") boolean ssl) {

    public boolean configured() {
        return host != null && !host.isBlank();
    }

    /** The sender address: {@code from}, else the username (an SMTP login is usually the mailbox's address). */
    public InternetAddress sender() {
        String value = from != null && !from.isBlank() ? from : username;
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("ponte.mail.from is required when ponte.mail.host is set");
        }
        try {
            return new InternetAddress(value.strip(), true);
        } catch (AddressException e) {
            throw new IllegalStateException("ponte.mail.from is not an e-mail address: " + e.getMessage());
        }
    }

    /** A configured server without a sender could only fail every send: refuse to start instead. */
    @AssertTrue(message = "ponte.mail.from (or a username that is an e-mail address) is required when ponte.mail.host "
            + "is set, e.g. 'Portal Clinic <contato@clinica.com.br>'")
    public boolean isSenderValidWhenConfigured() {
        if (!configured()) {
            return true;
        }
        try {
            sender();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /**
     * The camel-mail endpoint, without the password (set on the endpoint itself, so it never appears in a URI).
     * Without SSL, STARTTLS is used when the server offers it: a login on port 587 is not sent in the clear to a
     * server that can encrypt. The timeout bounds both connecting and waiting for each reply.
     */
    String endpointUri() {
        StringBuilder uri = new StringBuilder(ssl ? "smtps://" : "smtp://").append(host.strip()).append(':').append(port);
        uri.append("?connectionTimeout=30000");
        if (username != null && !username.isBlank()) {
            uri.append("&username=").append(URLEncoder.encode(username.strip(), StandardCharsets.UTF_8));
        }
        if (!ssl) {
            uri.append("&mail.smtp.starttls.enable=true");
        }
        return uri.toString();
    }

    /** The password, never printed: records end up in logs and actuator output. */
    @Override
    public String toString() {
        return "MailProperties[host=" + host + ", port=" + port + ", username=" + username + ", password="
                + (password == null || password.isBlank() ? "" : "***") + ", from=" + from + ", ssl=" + ssl + "]";
    }
}
