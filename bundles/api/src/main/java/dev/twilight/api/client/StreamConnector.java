package dev.twilight.api.client;

import org.osgi.annotation.versioning.ProviderType;

/** Opens the streams of a launched or resumed app: RTSP handshake, control stream, video and audio. */
@ProviderType
public interface StreamConnector {

    /**
     * Runs the RTSP handshake with the host of {@code launch.sessionUrl()} (plain or {@code rtspenc://}), connects
     * the encrypted control stream and starts receiving video and audio. Returns once the control stream is
     * connected; media arrives at {@code receiver} from then on, until {@link StreamReceiver#ended} is called.
     *
     * @param host     the host, for its address when the session URL names none usable
     * @param launch   the launch or resume that the handshake binds to (its session URL and remote-input key)
     * @param settings what to ask the host for
     * @param receiver where frames, audio and the end go
     * @throws ClientException when the host refuses the handshake (its RTSP status as {@link ClientException#status()}),
     *                         does not offer the codec, or cannot be reached within the timeouts
     */
    StreamConnection connect(HostAddress host, LaunchResult launch, StreamSettings settings,
                             StreamReceiver receiver) throws ClientException;
}
