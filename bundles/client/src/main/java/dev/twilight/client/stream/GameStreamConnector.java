package dev.twilight.client.stream;

import dev.twilight.api.client.ClientException;
import dev.twilight.api.client.HostAddress;
import dev.twilight.api.client.LaunchResult;
import dev.twilight.api.client.StreamConnection;
import dev.twilight.api.client.StreamConnector;
import dev.twilight.api.client.StreamReceiver;
import dev.twilight.api.client.StreamSettings;
import org.osgi.service.component.annotations.Component;

/** Streams from Sunshine-type hosts: the RTSP handshake, then a {@link GameStreamConnection}. */
@Component(service = StreamConnector.class)
public class GameStreamConnector implements StreamConnector {

    @Override
    public StreamConnection connect(HostAddress host, LaunchResult launch, StreamSettings settings,
                                    StreamReceiver receiver) throws ClientException {
        NegotiatedStream stream = RtspHandshake.run(host, launch, settings);
        GameStreamConnection connection = new GameStreamConnection(stream, launch, settings, receiver);
        connection.start();
        return connection;
    }
}
