package dev.twilight.api.client;

import dev.twilight.api.media.VideoCodec;
import java.util.Objects;

/**
 * What a client asks the host to stream, sent in the RTSP ANNOUNCE.
 *
 * @param width                 picture width, 64 to 7680
 * @param height                picture height, 64 to 4320, even
 * @param fps                   frame rate, 1 to 240
 * @param bitrateKbps           the whole stream's bitrate; the host takes FEC, audio and overhead off it
 * @param codec                 video codec; the host must offer it
 * @param packetSize            video payload per datagram (each datagram is this + 16 bytes), a multiple of 16
 *                              from 256 to 1392; Moonlight's default 1392 fits a 1500-byte MTU
 * @param audioChannels         2, 6 (5.1) or 8 (7.1)
 * @param audioPacketDurationMs 5 or 10 ms of Opus per packet
 * @param simulatedLossPercent  for loss tests: this share (0 to 50) of the video and audio datagrams is dropped on
 *                              receipt, chosen by a seeded random sequence; 0 drops nothing
 */
public record StreamSettings(int width, int height, int fps, int bitrateKbps, VideoCodec codec, int packetSize,
                             int audioChannels, int audioPacketDurationMs, int simulatedLossPercent) {

    public static final int DEFAULT_PACKET_SIZE = 1392;

    public StreamSettings {
        Objects.requireNonNull(codec, "codec");
        check(width >= 64 && width <= 7680, "width must be 64 to 7680, not " + width);
        check(height >= 64 && height <= 4320 && height % 2 == 0, "height must be even and 64 to 4320, not " + height);
        check(fps >= 1 && fps <= 240, "fps must be 1 to 240, not " + fps);
        check(bitrateKbps >= 500 && bitrateKbps <= 500_000, "bitrate must be 500 to 500000 kbps, not " + bitrateKbps);
        check(packetSize >= 256 && packetSize <= DEFAULT_PACKET_SIZE && packetSize % 16 == 0,
                "packet size must be a multiple of 16 from 256 to " + DEFAULT_PACKET_SIZE + ", not " + packetSize);
        check(audioChannels == 2 || audioChannels == 6 || audioChannels == 8,
                "audio channels must be 2, 6 or 8, not " + audioChannels);
        check(audioPacketDurationMs == 5 || audioPacketDurationMs == 10,
                "audio packet duration must be 5 or 10 ms, not " + audioPacketDurationMs);
        check(simulatedLossPercent >= 0 && simulatedLossPercent <= 50,
                "simulated loss must be 0 to 50 %, not " + simulatedLossPercent);
    }

    /** H.264, 1392-byte packets, stereo in 5 ms packets, no simulated loss. */
    public static StreamSettings of(int width, int height, int fps, int bitrateKbps) {
        return new StreamSettings(width, height, fps, bitrateKbps, VideoCodec.H264, DEFAULT_PACKET_SIZE, 2, 5, 0);
    }

    public StreamSettings withCodec(VideoCodec newCodec) {
        return new StreamSettings(width, height, fps, bitrateKbps, newCodec, packetSize, audioChannels,
                audioPacketDurationMs, simulatedLossPercent);
    }

    public StreamSettings withSimulatedLoss(int percent) {
        return new StreamSettings(width, height, fps, bitrateKbps, codec, packetSize, audioChannels,
                audioPacketDurationMs, percent);
    }

    private static void check(boolean valid, String message) {
        if (!valid) {
            throw new IllegalArgumentException(message);
        }
    }
}
