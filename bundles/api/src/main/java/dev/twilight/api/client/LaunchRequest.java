package dev.twilight.api.client;

/**
 * What a client asks for when it launches or resumes.
 *
 * @param appId             app from the host's applist (ignored by resume)
 * @param width             stream width
 * @param height            stream height
 * @param fps               frame rate
 * @param localAudio        also play sound on the host
 * @param surroundAudioInfo {@code (channelMask << 16) | channelCount}; 0x30002 for stereo
 * @param hdr               ask for HDR
 */
public record LaunchRequest(int appId, int width, int height, int fps, boolean localAudio, int surroundAudioInfo,
                            boolean hdr) {

    public static LaunchRequest stereo(int appId, int width, int height, int fps) {
        return new LaunchRequest(appId, width, height, fps, false, surroundAudioInfo(2), false);
    }

    /** GameStream's speaker mask for 2, 6 or 8 channels: FL FR, then FC LFE BL BR, then SL SR. */
    public static int channelMask(int channels) {
        return switch (channels) {
            case 6 -> 0x3F;
            case 8 -> 0x63F;
            default -> 0x3;
        };
    }

    /** {@code (channelMask << 16) | channelCount} for 2, 6 or 8 channels, as launch requests carry it. */
    public static int surroundAudioInfo(int channels) {
        return channelMask(channels) << 16 | channels;
    }
}
