package dev.twilight.gamestream.rtsp;

import dev.twilight.gamestream.crypto.StreamEncryption;

/**
 * What the client's RTSP ANNOUNCE settled for one session: the record the video, audio and control planes
 * stream by. Values are as the client sent them, with the host's defaults for what it left out; the derived
 * ones ({@link #videoBitrateKbps}, {@link #highQualityAudio}, {@link #fecPercentage}) are the host's decisions.
 *
 * @param width                 encode width ({@code x-nv-video[0].clientViewportWd})
 * @param height                encode height ({@code x-nv-video[0].clientViewportHt})
 * @param fps                   frame rate ({@code x-nv-video[0].maxFPS})
 * @param refreshRateX100       fractional frame rate × 100 ({@code clientRefreshRateX100}); 0 when absent or not
 *                              within 1 % of {@code fps} (some clients send their display's rate instead)
 * @param packetSize            video payload size P: each datagram is P + 16 bytes ({@code packetSize}); the client
 *                              already took 32 off when video encryption is on
 * @param codec                 {@code x-nv-vqos[0].bitStreamFormat}
 * @param hdr                   10-bit HDR ({@code dynamicRangeMode=1})
 * @param yuv444                4:4:4 chroma ({@code x-ss-video[0].chromaSamplingType=1})
 * @param intraRefresh          {@code x-ss-video[0].intraRefresh=1}
 * @param slicesPerFrame        {@code videoEncoderSlicesPerFrame}
 * @param maxReferenceFrames    {@code maxNumReferenceFrames}: 0 = any (the decoder can do RFI), 1 = single reference
 * @param encoderCscMode        {@code (colorSpace << 1) | fullRange}: see {@link #colorSpace()}, {@link #fullRange()}
 * @param minRequiredFecPackets minimum parity shards per FEC block ({@code fec.minRequiredFecPackets})
 * @param fecPercentage         the host's video FEC percentage, which {@link #videoBitrateKbps} leaves room for
 * @param maximumBitrateKbps    {@code x-nv-vqos[0].bw.maximumBitrateKbps}
 * @param configuredBitrateKbps the user's whole bitrate ({@code x-ml-video.configuredBitrateKbps}), 0 when not sent
 * @param videoBitrateKbps      the encoder bitrate: {@code maximumBitrateKbps}, or, when a configured bitrate was
 *                              sent, that bitrate less FEC, audio (at most 20 %) and 500 kbps overhead (at most 10 %)
 * @param audioChannels         2, 6 or 8 ({@code x-nv-audio.surround.numChannels})
 * @param audioChannelMask      {@code x-nv-audio.surround.channelMask}
 * @param highQualityAudio      stereo: the request's {@code Host} header is not 0.0.0.0; surround:
 *                              {@code x-nv-audio.surround.AudioQuality=1}
 * @param audioPacketDurationMs Opus frame duration ({@code x-nv-aqos.packetDuration})
 * @param encryptionEnabled     {@link #ENCRYPT_CONTROL_V2}, {@link #ENCRYPT_VIDEO}, {@link #ENCRYPT_AUDIO} bits
 *                              ({@code x-ss-general.encryptionEnabled}, plus audio for the legacy
 *                              {@code x-nv-general.featureFlags} bit 0x20)
 * @param mlFeatureFlags        {@code x-ml-general.featureFlags}: {@link #ML_FEC_STATUS}, {@link #ML_SESSION_ID_V1}
 * @param nvFeatureFlags        {@code x-nv-general.featureFlags}
 * @param controlProtocol       {@code x-nv-general.useReliableUdp}: {@link #ENCRYPTED_CONTROL_PROTOCOL} or legacy
 * @param videoQosType          {@code x-nv-vqos[0].qosTrafficType}: non-zero asks for DSCP-tagged video
 * @param audioQosType          {@code x-nv-aqos.qosTrafficType}: non-zero asks for DSCP-tagged audio
 */
public record StreamParameters(int width, int height, int fps, int refreshRateX100, int packetSize,
                               VideoCodec codec, boolean hdr, boolean yuv444, boolean intraRefresh,
                               int slicesPerFrame, int maxReferenceFrames, int encoderCscMode,
                               int minRequiredFecPackets, int fecPercentage, int maximumBitrateKbps,
                               int configuredBitrateKbps, int videoBitrateKbps, int audioChannels,
                               int audioChannelMask, boolean highQualityAudio, int audioPacketDurationMs,
                               int encryptionEnabled, int mlFeatureFlags, int nvFeatureFlags, int controlProtocol,
                               int videoQosType, int audioQosType) {

    /** Control stream messages use the V2 (12-byte, 'C'/'H' marked) IV. */
    public static final int ENCRYPT_CONTROL_V2 = StreamEncryption.CONTROL_V2;
    public static final int ENCRYPT_VIDEO = StreamEncryption.VIDEO;
    public static final int ENCRYPT_AUDIO = StreamEncryption.AUDIO;
    /** The client sends per-frame FEC status messages (0x5502). */
    public static final int ML_FEC_STATUS = 0x01;
    /** The client pings with {@code X-SS-Ping-Payload} and connects with {@code X-SS-Connect-Data}. */
    public static final int ML_SESSION_ID_V1 = 0x02;
    /** {@code useReliableUdp} value of the encrypted control protocol (GameStream 7.1.431 and later). */
    public static final int ENCRYPTED_CONTROL_PROTOCOL = 13;

    public boolean encrypted(int what) {
        return (encryptionEnabled & what) == what;
    }

    /** The control stream is encrypted ({@code useReliableUdp=13}). */
    public boolean encryptedControl() {
        return controlProtocol == ENCRYPTED_CONTROL_PROTOCOL;
    }

    /** The client finds its streams by ping payload and connect data rather than by its address. */
    public boolean identifiesBySessionId() {
        return (mlFeatureFlags & ML_SESSION_ID_V1) != 0;
    }

    /** 0 Rec. 601, 1 Rec. 709, 2 Rec. 2020. */
    public int colorSpace() {
        return encoderCscMode >> 1;
    }

    public boolean fullRange() {
        return (encoderCscMode & 1) != 0;
    }
}
