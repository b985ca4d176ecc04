package dev.twilight.enet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** ENet hosts on loopback ephemeral ports, sharing one event loop group; closing closes them all. */
final class Hosts implements AutoCloseable {

    /** Short timeouts, so that tests see peers time out within a second or so. */
    static final EnetConfig QUICK_TIMEOUTS = new EnetConfig(4, 300, 1000, 100);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final List<EnetHost> hosts = new ArrayList<>();

    static InetSocketAddress anyLoopbackPort() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    EnetHost server(int maxPeers, EnetConfig config, EnetListener listener) {
        return server(maxPeers, Protocol.MAXIMUM_CHANNEL_COUNT, config, listener);
    }

    EnetHost server(int maxPeers, int channelLimit, EnetConfig config, EnetListener listener) {
        return add(EnetHost.server(group, anyLoopbackPort(), maxPeers, channelLimit, config, listener)
                .syncUninterruptibly().getNow());
    }

    EnetHost client(EnetConfig config, EnetListener listener) {
        return add(EnetHost.client(group, anyLoopbackPort(), config, listener).syncUninterruptibly().getNow());
    }

    /** Connects and waits for the handshake. */
    static EnetPeer connect(EnetHost client, InetSocketAddress server, int channels, int data) {
        Future<EnetPeer> connected = client.connect(server, channels, data);
        assertTrue(connected.awaitUninterruptibly(RecordingListener.WAIT_SECONDS, TimeUnit.SECONDS),
                "no handshake with " + server);
        return connected.syncUninterruptibly().getNow();
    }

    EventLoopGroup group() {
        return group;
    }

    private EnetHost add(EnetHost host) {
        hosts.add(host);
        return host;
    }

    @Override
    public void close() {
        hosts.forEach(host -> host.close().awaitUninterruptibly(5, TimeUnit.SECONDS));
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
