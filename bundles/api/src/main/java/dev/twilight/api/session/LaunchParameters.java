package dev.twilight.api.session;

import java.util.Objects;

/**
 * What a client sends with {@code /launch} or {@code /resume}; the streaming plane needs all of it later.
 *
 * @param appId             app to launch (ignored by resume)
 * @param width             requested width (0 when the client sent none)
 * @param height            requested height
 * @param fps               requested frame rate
 * @param remoteInputKey    {@code rikey}: 16-byte AES key for input, control and RTSP encryption
 * @param remoteInputKeyId  {@code rikeyid}: first 4 bytes (big-endian) of the IV
 * @param localAudio        {@code localAudioPlayMode}: also play sound on the host
 * @param surroundAudioInfo {@code (channelMask << 16) | channelCount}, 0x30002 for stereo
 * @param hdr               {@code hdrMode=1}
 * @param coreVersion       {@code corever}: 1 or more means encrypted RTSP ({@code rtspenc://})
 * @param optimizeSettings  {@code sops}
 * @param gamepadMask       {@code gcmap}: attached gamepads
 */
public record LaunchParameters(int appId, int width, int height, int fps, byte[] remoteInputKey,
                               int remoteInputKeyId, boolean localAudio, int surroundAudioInfo, boolean hdr,
                               int coreVersion, boolean optimizeSettings, int gamepadMask) {

    public LaunchParameters {
        Objects.requireNonNull(remoteInputKey, "remoteInputKey");
        if (remoteInputKey.length != 16) {
            throw new IllegalArgumentException("rikey must be 16 bytes, got " + remoteInputKey.length);
        }
        remoteInputKey = remoteInputKey.clone();
    }

    @Override
    public byte[] remoteInputKey() {
        return remoteInputKey.clone();
    }
}
