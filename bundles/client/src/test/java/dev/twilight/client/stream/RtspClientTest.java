package dev.twilight.client.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.api.client.ClientException;
import dev.twilight.gamestream.crypto.RtspCipher;
import dev.twilight.gamestream.crypto.Sender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client's RTSP over real loopback sockets, against a host that answers each connection once and closes. */
class RtspClientTest {

    private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeHosts() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    @Test
    void eachRequestTakesItsOwnConnectionWithTheHeadersHostsParse() throws Exception {
        OneShotHost host = host(request -> ascii("RTSP/1.0 200 OK\r\nCSeq: 9\r\nSession: DEADBEEF;timeout = 90"
                + "\r\n\r\nbody"));
        RtspClient rtsp = new RtspClient(host.address(), "127.0.0.1", null);

        RtspResponse options = rtsp.request("OPTIONS", "rtsp://127.0.0.1:1", Map.of(), "");
        RtspResponse announce = rtsp.request("ANNOUNCE", "streamid=control/13/0", Map.of("Session", "DEADBEEF"),
                "v=0\r\n");

        assertEquals(200, options.status());
        assertEquals("DEADBEEF;timeout = 90", options.required("Session"));
        assertEquals("body", announce.body());
        assertEquals(2, host.requests.size());
        assertEquals("OPTIONS rtsp://127.0.0.1:1 RTSP/1.0\r\nCSeq: 1\r\nX-GS-ClientVersion: 14\r\nHost: 127.0.0.1\r\n"
                + "\r\n", host.requests.get(0));
        assertTrue(host.requests.get(1).startsWith("ANNOUNCE streamid=control/13/0 RTSP/1.0\r\nCSeq: 2\r\n"));
        assertTrue(host.requests.get(1).endsWith("Session: DEADBEEF\r\nContent-length: 5\r\n\r\nv=0\r\n"));
    }

    @Test
    void encryptedRequestsAreSealedByTheClientAndRepliesOpenedAsTheHosts() throws Exception {
        List<Integer> sequences = new CopyOnWriteArrayList<>();
        OneShotHost host = host(sealed -> {
            ByteBuffer framing = ByteBuffer.wrap(sealed);
            framing.getInt();
            sequences.add(framing.getInt());
            byte[] request;
            try {
                request = RtspCipher.open(KEY, Sender.CLIENT, sealed).orElseThrow();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            assertTrue(new String(request, StandardCharsets.UTF_8).endsWith("\r\n\r\n"));
            return RtspCipher.seal(KEY, Sender.HOST, 1, ascii("RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n"));
        });
        RtspClient rtsp = new RtspClient(host.address(), "127.0.0.1", KEY);

        assertEquals(200, rtsp.request("OPTIONS", "rtspenc://127.0.0.1:1", Map.of(), "").status());
        assertEquals(200, rtsp.request("DESCRIBE", "rtspenc://127.0.0.1:1", Map.of(), "").status());

        assertEquals(List.of(1, 2), sequences, "the client's counter is pre-incremented from 0");
        assertTrue(host.requests.get(0).startsWith("OPTIONS rtspenc://127.0.0.1:1 RTSP/1.0\r\nCSeq: 1\r\n"));
    }

    @Test
    void refusalsCarryTheStatusAndSilenceOrGarbageNone() throws Exception {
        OneShotHost refusing = host(request -> ascii("RTSP/1.0 400 BAD REQUEST\r\nCSeq: 1\r\n\r\n"));
        ClientException refused = assertThrows(ClientException.class, () -> new RtspClient(refusing.address(),
                "127.0.0.1", null).request("ANNOUNCE", "streamid=control/13/0", Map.of(), "a=x:1 \r\n"));
        assertEquals(400, refused.status());
        assertTrue(refused.getMessage().contains("400 BAD REQUEST"), refused.getMessage());

        OneShotHost silent = host(request -> new byte[0]);
        assertEquals(0, assertThrows(ClientException.class, () -> new RtspClient(silent.address(), "127.0.0.1", null)
                .request("OPTIONS", "rtsp://h", Map.of(), "")).status());

        OneShotHost plaintextToEncrypted = host(request -> "RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        assertEquals(0, assertThrows(ClientException.class, () -> new RtspClient(plaintextToEncrypted.address(),
                "127.0.0.1", KEY).request("OPTIONS", "rtspenc://h", Map.of(), "")).status());
    }

    private static byte[] ascii(String reply) {
        return reply.getBytes(StandardCharsets.US_ASCII);
    }

    private OneShotHost host(Function<byte[], byte[]> answer) throws IOException {
        OneShotHost host = new OneShotHost(answer);
        open.add(host);
        return host;
    }

    /**
     * Answers every connection once: reads a plaintext request up to its blank line and declared body, or an
     * encrypted one by its declared length, records it as text, writes the answer and closes.
     */
    private static final class OneShotHost implements AutoCloseable {

        final List<String> requests = new CopyOnWriteArrayList<>();
        private final ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        private final Thread thread;

        OneShotHost(Function<byte[], byte[]> answer) throws IOException {
            thread = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket connection = server.accept()) {
                        byte[] request = readRequest(connection.getInputStream());
                        byte[] reply = answer.apply(request);
                        requests.add(textOf(request));
                        connection.getOutputStream().write(reply);
                    } catch (IOException e) {
                        if (!server.isClosed()) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        InetSocketAddress address() {
            return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
        }

        @Override
        public void close() throws Exception {
            server.close();
            thread.join(2000);
        }

        private static String textOf(byte[] request) {
            if ((request[0] & 0x80) == 0) {
                return new String(request, StandardCharsets.UTF_8);
            }
            try {
                return new String(RtspCipher.open(KEY, Sender.CLIENT, request).orElseThrow(), StandardCharsets.UTF_8);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private static byte[] readRequest(InputStream in) throws IOException {
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            while (!complete(received.toByteArray())) {
                int next = in.read();
                if (next < 0) {
                    break;
                }
                received.write(next);
            }
            return received.toByteArray();
        }

        private static boolean complete(byte[] bytes) {
            if (bytes.length >= 4 && (bytes[0] & 0x80) != 0) {
                return bytes.length == RtspCipher.HEADER_BYTES + (ByteBuffer.wrap(bytes).getInt() & 0x7FFFFFFF);
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return false;
            }
            int length = text.contains("Content-length: ")
                    ? Integer.parseInt(text.replaceAll("(?s).*Content-length: (\\d+).*", "$1")) : 0;
            return bytes.length >= end + 4 + length;
        }
    }
}
