package io.ponte.connector.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP server that answers the way a test needs (GreenMail accepts every recipient): it rejects the recipient for
 * good (550), asks to try again later (451, greylisting), or accepts. It can be stopped and restarted on the same
 * port, so that it refuses connections meanwhile.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    enum Recipients { ACCEPT, REJECT, TRY_LATER_ONCE }

    private volatile Recipients recipients = Recipients.ACCEPT;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger recipientCommands = new AtomicInteger();
    private volatile ServerSocket server;
    private int port;

    synchronized ScriptedSmtpServer start() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        port = socket.getLocalPort();
        server = socket;
        Thread acceptor = new Thread(() -> acceptLoop(socket), "scripted-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
        return this;
    }

    synchronized void stop() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    int port() {
        return port;
    }

    void answerRecipients(Recipients mode) {
        recipients = mode;
        accepted.set(0);
        recipientCommands.set(0);
    }

    int messagesAccepted() {
        return accepted.get();
    }

    int recipientCommands() {
        return recipientCommands.get();
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread session = new Thread(() -> converse(client), "scripted-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket client) {
        try (client;
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                        StandardCharsets.ISO_8859_1));
                OutputStream out = client.getOutputStream()) {
            reply(out, "220 scripted.test ESMTP");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String command = line.length() < 4 ? line.toUpperCase(Locale.ROOT)
                        : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (command) {
                    case "EHLO" -> reply(out, "250-scripted.test\r\n250 8BITMIME");
                    case "HELO", "MAIL", "RSET", "NOOP" -> reply(out, "250 2.0.0 OK");
                    case "RCPT" -> reply(out, recipientAnswer());
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        skipMessage(in);
                        accepted.incrementAndGet();
                        reply(out, "250 2.0.0 Ok: queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 Bye");
                        return;
                    }
                    default -> reply(out, "502 5.5.2 Command not recognized");
                }
            }
        } catch (IOException ignored) {
            // the client went away
        }
    }

    /** The message itself is not needed here: MailConnectorTest reads contents from GreenMail. */
    private static void skipMessage(BufferedReader in) throws IOException {
        String line = in.readLine();
        while (line != null && !line.equals(".")) {
            line = in.readLine();
        }
    }

    private String recipientAnswer() {
        int attempt = recipientCommands.incrementAndGet();
        return switch (recipients) {
            case ACCEPT -> "250 2.1.5 OK";
            case REJECT -> "550 5.1.1 Recipient address rejected: User unknown in virtual mailbox table";
            case TRY_LATER_ONCE -> attempt == 1 ? "451 4.7.1 Greylisted, please try again later" : "250 2.1.5 OK";
        };
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
