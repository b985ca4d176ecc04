package dev.twilight.client.stream;

import dev.twilight.api.decode.OpusStreams;
import dev.twilight.gamestream.crypto.StreamEncryption;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * What the RTSP handshake settled: where the host's streams are, how this client identifies itself on them, and
 * what is encrypted.
 *
 * @param host              the host's address
 * @param videoPort         its video port
 * @param audioPort         its audio port
 * @param controlPort       its control (ENet) port
 * @param videoPingPayload  the 16 characters of {@code X-SS-Ping-Payload} for video pings
 * @param audioPingPayload  the same for audio pings
 * @param connectData       {@code X-SS-Connect-Data}, the control stream's ENet connect data
 * @param packetSize        the video packet size announced: the setting, less 32 when video is encrypted
 * @param encryptionEnabled the {@link StreamEncryption} bits this client announced
 * @param audioLayout       how the host packs the audio channels into Opus streams
 */
record NegotiatedStream(InetAddress host, int videoPort, int audioPort, int controlPort, String videoPingPayload,
                        String audioPingPayload, int connectData, int packetSize,
                        int encryptionEnabled, OpusStreams audioLayout) {

    InetSocketAddress video() {
        return new InetSocketAddress(host, videoPort);
    }

    InetSocketAddress audio() {
        return new InetSocketAddress(host, audioPort);
    }

    InetSocketAddress control() {
        return new InetSocketAddress(host, controlPort);
    }

    boolean encrypts(int what) {
        return (encryptionEnabled & what) == what;
    }
}
