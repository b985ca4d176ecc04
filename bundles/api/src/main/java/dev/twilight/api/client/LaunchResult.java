package dev.twilight.api.client;

/**
 * A launched or resumed stream, as the client needs it for the RTSP handshake.
 *
 * @param sessionUrl       {@code sessionUrl0}: {@code rtsp://} or {@code rtspenc://} address of the host's RTSP
 * @param remoteInputKey   the 16-byte AES key this client generated and sent as {@code rikey}
 * @param remoteInputKeyId the {@code rikeyid} sent with it
 */
public record LaunchResult(String sessionUrl, byte[] remoteInputKey, int remoteInputKeyId) {

    public LaunchResult {
        remoteInputKey = remoteInputKey.clone();
    }

    @Override
    public byte[] remoteInputKey() {
        return remoteInputKey.clone();
    }
}
