package dev.twilight.api.client;

import org.osgi.annotation.versioning.ProviderType;

/** Plays a stream: receives it with the {@link StreamConnector}, decodes its video and audio, and counts. */
@ProviderType
public interface StreamPlayer {

    /**
     * Connects and starts playing.
     *
     * @throws ClientException as {@link StreamConnector#connect}, or when no decoder takes the codec
     */
    Playback play(HostAddress host, LaunchResult launch, StreamSettings settings) throws ClientException;
}
