package dev.twilight.gamestream.nvhttp;

import dev.twilight.gamestream.crypto.Identity;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** Requests written by hand, for what no well-behaved client sends. */
final class RawNvHttp {

    /** A raw answer: the HTTP head and the body. */
    record Answer(String head, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private RawNvHttp() {
    }

    /** Sends the bytes over plain TCP and reads until the host closes; a reset reads as a message. */
    static String http(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            return new String(exchange(socket, request), StandardCharsets.UTF_8);
        } catch (SocketException reset) {
            return "connection reset: " + reset.getMessage();
        }
    }

    /** A GET over TLS presenting the identity's certificate (any host certificate is taken). */
    static Answer https(int port, Identity identity, String pathAndQuery) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(identity.keyManagers(), new TrustManager[] {new TrustAnyHost()}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            byte[] answer = exchange(socket, "GET " + pathAndQuery + " HTTP/1.1\r\nHost: test\r\n\r\n");
            int end = indexOf(answer, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return new Answer(new String(answer, 0, end, StandardCharsets.US_ASCII),
                    Arrays.copyOfRange(answer, end + 4, answer.length));
        }
    }

    private static byte[] exchange(Socket socket, String request) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        InputStream in = socket.getInputStream();
        return in.readAllBytes();
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new AssertionError("no HTTP head in " + new String(bytes, StandardCharsets.ISO_8859_1));
    }

    private static final class TrustAnyHost implements X509TrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
