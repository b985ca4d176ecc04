package dev.twilight.gamestream.rtsp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RTSP answer, written as the moonlight-common-c parser needs it: {@code RTSP/1.0 <code> <text>}, every
 * header as {@code Name: value} with exactly one space, {@code CSeq} always first (so there is always a header,
 * which that parser requires), a blank line, then the body. No connection carries more than this one answer.
 */
final class RtspReply {

    private static final Map<Integer, String> REASONS = Map.of(200, "OK", 400, "Bad Request", 404, "Not Found",
            455, "Method Not Valid in This State", 500, "Internal Server Error");

    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body = new byte[0];

    private RtspReply(int status, String cseq) {
        if (!REASONS.containsKey(status)) {
            throw new IllegalArgumentException("no reason phrase for RTSP status " + status);
        }
        this.status = status;
        headers.put("CSeq", cseq);
    }

    static RtspReply ok(RtspRequest request) {
        return new RtspReply(200, request.cseq());
    }

    /** The error's status, with its message as a text body. */
    static RtspReply error(RtspException error, String cseq) {
        return new RtspReply(error.status(), cseq).body("text/plain", error.getMessage() + "\r\n");
    }

    int status() {
        return status;
    }

    RtspReply header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    RtspReply body(String contentType, String text) {
        body = text.getBytes(StandardCharsets.UTF_8);
        headers.put("Content-type", contentType);
        headers.put(RtspRequest.CONTENT_LENGTH, Integer.toString(body.length));
        return this;
    }

    byte[] encode() {
        StringBuilder head = new StringBuilder(RtspRequest.PROTOCOL).append(' ').append(status).append(' ')
                .append(REASONS.get(status)).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        ByteArrayOutputStream message = new ByteArrayOutputStream(head.length() + body.length);
        message.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        message.writeBytes(body);
        return message.toByteArray();
    }
}
