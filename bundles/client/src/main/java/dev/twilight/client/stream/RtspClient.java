package dev.twilight.client.stream;

import dev.twilight.api.client.ClientException;
import dev.twilight.gamestream.crypto.MalformedMessageException;
import dev.twilight.gamestream.crypto.RtspCipher;
import dev.twilight.gamestream.crypto.Sender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The client side of GameStream's RTSP: one request per TCP connection, the reply being everything the host sends
 * before it closes. With a key ({@code rtspenc://}) requests are sealed and replies opened with {@link RtspCipher}.
 * Not thread-safe: the handshake runs on one thread.
 */
final class RtspClient {

    /** As Moonlight: a host may answer /launch before its RTSP listener is up, so refusals are retried this long. */
    private static final long CONNECT_RETRY_MS = 10_000;
    private static final long RETRY_PAUSE_MS = 500;
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int REPLY_TIMEOUT_MS = 15_000;
    private static final int MAX_REPLY_BYTES = 1 << 20;
    private static final String CLIENT_VERSION = "14";

    private final InetSocketAddress address;
    private final String hostHeader;
    private final byte[] key;
    private int cseq;
    private int sequence;

    /**
     * @param hostHeader what the {@code Host} header carries: the host's address (not 0.0.0.0, which asks for
     *                   low-quality stereo)
     * @param key        the launch's {@code rikey} for {@code rtspenc://}; null for plain {@code rtsp://}
     */
    RtspClient(InetSocketAddress address, String hostHeader, byte[] key) {
        this.address = address;
        this.hostHeader = hostHeader;
        this.key = key == null ? null : key.clone();
    }

    /**
     * Sends one request and reads its reply.
     *
     * @throws ClientException with the RTSP status when the host answers other than 200, with 0 when the host
     *                         cannot be reached, closes without a reply or answers what cannot be read
     */
    RtspResponse request(String method, String target, Map<String, String> headers, String body)
            throws ClientException {
        cseq++;
        Map<String, String> all = new LinkedHashMap<>();
        all.put("CSeq", Integer.toString(cseq));
        all.put("X-GS-ClientVersion", CLIENT_VERSION);
        all.put("Host", hostHeader);
        all.putAll(headers);
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        if (bodyBytes.length > 0) {
            all.put("Content-length", Integer.toString(bodyBytes.length));
        }
        StringBuilder text = new StringBuilder(method).append(' ').append(target).append(" RTSP/1.0\r\n");
        // exactly one space after the colon: the hosts' parser drops one character there
        all.forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
        text.append("\r\n").append(body);
        byte[] request = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] reply = exchange(method, key == null ? request : RtspCipher.seal(key, Sender.CLIENT, ++sequence, request));
        RtspResponse response;
        try {
            response = RtspResponse.parse(key == null ? reply : RtspCipher.open(key, Sender.HOST, reply)
                    .orElseThrow(() -> new ClientException(0, "the RTSP reply to " + method + " from " + address
                            + " does not open with this launch's key")));
        } catch (MalformedMessageException | IllegalArgumentException e) {
            throw new ClientException(0, "unreadable RTSP reply to " + method + " from " + address + ": "
                    + e.getMessage());
        }
        if (response.status() != 200) {
            throw new ClientException(response.status(), "the host refused RTSP " + method + " " + target + ": "
                    + response.status() + " " + response.reason());
        }
        return response;
    }

    private byte[] exchange(String method, byte[] request) throws ClientException {
        long retryUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CONNECT_RETRY_MS);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.setTcpNoDelay(true);
                socket.connect(address, CONNECT_TIMEOUT_MS);
                socket.setSoTimeout(REPLY_TIMEOUT_MS);
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
                byte[] reply = readUntilClosed(socket.getInputStream());
                if (reply.length == 0) {
                    throw new ClientException(0, "the host at " + address + " closed the RTSP connection without "
                            + "answering " + method + " (no launch of this client is pending there?)");
                }
                return reply;
            } catch (ConnectException e) {
                if (System.nanoTime() > retryUntil) {
                    throw new ClientException("nothing listens for RTSP at " + address + " (" + e.getMessage()
                            + ")", e);
                }
                pause();
            } catch (SocketTimeoutException e) {
                throw new ClientException("the host at " + address + " did not answer RTSP " + method + " within "
                        + REPLY_TIMEOUT_MS / 1000 + " s", e);
            } catch (IOException e) {
                throw new ClientException("RTSP " + method + " to " + address + " failed: " + e.getMessage(), e);
            }
        }
    }

    private static byte[] readUntilClosed(InputStream in) throws IOException, ClientException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            reply.write(buffer, 0, read);
            if (reply.size() > MAX_REPLY_BYTES) {
                throw new ClientException(0, "an RTSP reply over " + MAX_REPLY_BYTES + " bytes");
            }
        }
        return reply.toByteArray();
    }

    private static void pause() throws ClientException {
        try {
            Thread.sleep(RETRY_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted while waiting for the host's RTSP listener", e);
        }
    }
}
