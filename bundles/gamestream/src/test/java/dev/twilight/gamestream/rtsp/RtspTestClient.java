package dev.twilight.gamestream.rtsp;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.Cipher;

/**
 * The client side of the RTSP handshake, written from the protocol sheet rather than from the host's classes: one
 * connection per request, read until the host closes, plaintext or in the {@code rtspenc://} framing.
 */
public final class RtspTestClient {

    /** An answer split at its blank line; the head keeps its exact bytes for byte-for-byte checks. */
    public record Answer(String head, String body) {

        public int status() {
            return Integer.parseInt(head.split(" ")[1]);
        }

        public String header(String name) {
            for (String line : head.split("\r\n")) {
                if (line.startsWith(name + ": ")) {
                    return line.substring(name.length() + 2);
                }
            }
            return null;
        }
    }

    private final int port;
    private final byte[] key;
    private int cseq;
    private int sequence;
    private int lastHostSequence;

    /** @param key the launch's {@code rikey} for {@code rtspenc://}, null for plaintext */
    public RtspTestClient(int port, byte[] key) {
        this.port = port;
        this.key = key;
    }

    /** A request as moonlight-common-c writes it, with the next {@code CSeq}. */
    public String request(String method, String target, String... headers) {
        StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" RTSP/1.0\r\n")
                .append("CSeq: ").append(++cseq).append("\r\n")
                .append("X-GS-ClientVersion: 14\r\n")
                .append("Host: 127.0.0.1\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        return request.append("\r\n").toString();
    }

    public String announce(String sessionId, String body) {
        return request("ANNOUNCE", "streamid=control/13/0", "Session: " + sessionId,
                "Content-type: application/sdp", "Content-length: " + body.length()) + body;
    }

    /** Sends the request (sealed with the key, if any) and reads the answer; null when the host closed silently. */
    public Answer send(String request) throws IOException {
        byte[] bytes = request.getBytes(StandardCharsets.UTF_8);
        byte[] answer = exchange(port, key == null ? bytes : seal(bytes));
        if (answer.length == 0) {
            return null;
        }
        String text = new String(key == null ? answer : open(answer), StandardCharsets.UTF_8);
        int blank = text.indexOf("\r\n\r\n");
        return new Answer(text.substring(0, blank + 4), text.substring(blank + 4));
    }

    /** The sequence number of the host's last encrypted answer. */
    int lastHostSequence() {
        return lastHostSequence;
    }

    /** Writes the bytes on a new connection and reads until the host closes; a reset reads as nothing. */
    static byte[] exchange(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.setTcpNoDelay(true);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            return in.readAllBytes();
        } catch (SocketException reset) {
            return new byte[0];
        }
    }

    /** {@code BE32 0x80000000|n, BE32 seq, tag, ciphertext}; IV = seq little-endian, zeros, 'C', 'R'. */
    byte[] seal(byte[] plaintext) {
        int seq = ++sequence;
        byte[] sealed = ReferenceGcm.apply(key, Cipher.ENCRYPT_MODE, seq, 'C', 'R', plaintext);
        int length = sealed.length - 16;
        return ByteBuffer.allocate(24 + length).putInt(0x80000000 | length).putInt(seq)
                .put(sealed, length, 16).put(sealed, 0, length).array();
    }

    private byte[] open(byte[] frame) {
        ByteBuffer in = ByteBuffer.wrap(frame);
        int typeAndLength = in.getInt();
        if ((typeAndLength & 0x80000000) == 0 || (typeAndLength & 0x7FFFFFFF) + 24 != frame.length) {
            throw new AssertionError("not one whole encrypted message: " + Arrays.toString(frame));
        }
        lastHostSequence = in.getInt();
        byte[] sealed = new byte[frame.length - 24 + 16];
        System.arraycopy(frame, 24, sealed, 0, frame.length - 24);
        System.arraycopy(frame, 8, sealed, frame.length - 24, 16);
        return ReferenceGcm.apply(key, Cipher.DECRYPT_MODE, lastHostSequence, 'H', 'R', sealed);
    }
}
