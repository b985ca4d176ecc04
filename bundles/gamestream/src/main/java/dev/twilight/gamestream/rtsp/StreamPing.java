package dev.twilight.gamestream.rtsp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The pings clients send to the video and audio ports: 16 ASCII characters of {@code X-SS-Ping-Payload}, then a
 * BE32 counter. Shared by the video and audio servers to find the announced session a ping belongs to.
 */
public final class StreamPing {

    /** The length of the session's ping payload at the start of each ping. */
    public static final int PAYLOAD_BYTES = 16;

    private StreamPing() {
    }

    /** The announced session whose ping payload starts {@code content}, if any; does not consume it. */
    public static Optional<RtspHandshake> announcedSession(RtspHandshakes handshakes, ByteBuf content) {
        if (content.readableBytes() < PAYLOAD_BYTES) {
            return Optional.empty();
        }
        return handshakes.byPingPayload(content.toString(content.readerIndex(), PAYLOAD_BYTES,
                StandardCharsets.US_ASCII)).filter(handshake -> handshake.parameters().isPresent());
    }
}
