package dev.twilight.api.client;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Plays a stream: receives it with the {@link StreamConnector}, decodes its video and audio, counts, and shows or
 * records it as asked.
 */
@ProviderType
public interface StreamPlayer {

    /**
     * Connects and starts playing. A window, when there is one, sends the keyboard and mouse input it gets to the
     * host, and closing it stops the playback as {@link Playback#stop()} does.
     *
     * @throws ClientException as {@link StreamConnector#connect}, when no decoder takes the codec, when a required
     *                         window cannot open, or when the recording cannot be written
     */
    Playback play(HostAddress host, LaunchResult launch, StreamSettings settings, PlaybackOutputs outputs)
            throws ClientException;

    /** Plays with no window and no recording. */
    default Playback play(HostAddress host, LaunchResult launch, StreamSettings settings) throws ClientException {
        return play(host, launch, settings, PlaybackOutputs.NONE);
    }
}
