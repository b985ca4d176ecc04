package dev.twilight.enet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.ConnectTimeoutException;
import io.netty.util.concurrent.Future;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakDetection.class)
class ConnectionTest {

    private final Hosts hosts = new Hosts();

    @AfterEach
    void close() {
        hosts.close();
    }

    @Test
    void theAcceptingSideGetsTheConnectDataAndBothSettleOnTheLesserChannelCount() throws InterruptedException {
        RecordingListener serverEvents = new RecordingListener();
        EnetHost server = hosts.server(4, 8, EnetConfig.DEFAULT, serverEvents);
        RecordingListener clientEvents = new RecordingListener();
        EnetHost client = hosts.client(EnetConfig.DEFAULT, clientEvents);

        EnetPeer toServer = Hosts.connect(client, server.localAddress(), 48, 0xCAFEBABE);

        assertSame(toServer, clientEvents.nextConnection());
        EnetPeer toClient = serverEvents.nextConnection();
        assertEquals(0xCAFEBABE, toClient.connectData());
        assertEquals(0xCAFEBABE, toServer.connectData());
        assertEquals(8, toClient.channelCount());
        assertEquals(8, toServer.channelCount());
        assertEquals(client.localAddress(), toClient.remoteAddress());
        assertEquals(server.localAddress(), toServer.remoteAddress());
        assertTrue(toClient.isConnected());
        assertTrue(toServer.isConnected());
    }

    @Test
    void oneServerServesSeveralClientsApart() throws InterruptedException {
        RecordingListener serverEvents = RecordingListener.echoing();
        EnetHost server = hosts.server(8, EnetConfig.DEFAULT, serverEvents);
        List<RecordingListener> clientEvents = new ArrayList<>();
        List<EnetPeer> toServer = new ArrayList<>();
        int clients = 5;
        for (int i = 0; i < clients; i++) {
            RecordingListener events = new RecordingListener();
            clientEvents.add(events);
            toServer.add(Hosts.connect(hosts.client(EnetConfig.DEFAULT, events), server.localAddress(), 4, i));
        }
        Map<Integer, EnetPeer> serverPeersByData = new HashMap<>();
        for (int i = 0; i < clients; i++) {
            EnetPeer peer = serverEvents.nextConnection();
            serverPeersByData.put(peer.connectData(), peer);
        }
        assertEquals(Set.of(0, 1, 2, 3, 4), serverPeersByData.keySet());

        for (int i = 0; i < clients; i++) {
            toServer.get(i).send(i % 4, ByteBuffer.allocate(4).putInt(i).array(), Delivery.RELIABLE);
        }
        Set<Integer> fromRightPeer = new HashSet<>();
        for (RecordingListener.Message message : serverEvents.nextMessages(clients)) {
            int sender = ByteBuffer.wrap(message.bytes()).getInt();
            assertSame(serverPeersByData.get(sender), message.peer());
            assertEquals(sender % 4, message.channel());
            fromRightPeer.add(sender);
        }
        assertEquals(clients, fromRightPeer.size());
        for (int i = 0; i < clients; i++) {
            RecordingListener.Message echo = clientEvents.get(i).nextMessage();
            assertEquals(i, ByteBuffer.wrap(echo.bytes()).getInt(), "each client gets its own echo");
            toServer.get(i).disconnect(100 + i);
        }
        Set<Integer> disconnectData = new HashSet<>();
        for (int i = 0; i < clients; i++) {
            RecordingListener.Disconnection disconnection = serverEvents.nextDisconnection();
            assertEquals(DisconnectReason.GRACEFUL, disconnection.reason());
            assertEquals(disconnection.peer().connectData() + 100, disconnection.data());
            disconnectData.add(disconnection.data());
        }
        assertEquals(Set.of(100, 101, 102, 103, 104), disconnectData);
    }

    @Test
    void aFullServerIgnoresFurtherConnectsUntilASlotFrees() throws InterruptedException {
        RecordingListener serverEvents = new RecordingListener();
        EnetHost server = hosts.server(1, EnetConfig.DEFAULT, serverEvents);
        EnetPeer first = Hosts.connect(hosts.client(EnetConfig.DEFAULT, new RecordingListener()),
                server.localAddress(), 1, 1);
        serverEvents.nextConnection();

        EnetHost second = hosts.client(Hosts.QUICK_TIMEOUTS, new RecordingListener());
        Future<EnetPeer> refused = second.connect(server.localAddress(), 1, 2);
        assertTrue(refused.awaitUninterruptibly(RecordingListener.WAIT_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(ConnectTimeoutException.class, refused.cause());
        assertTrue(server.discardedDatagrams() > 0, "the CONNECTs were counted as ignored");

        first.disconnect(0);
        serverEvents.nextDisconnection();
        Hosts.connect(second, server.localAddress(), 1, 3);
        assertEquals(3, serverEvents.nextConnection().connectData());
    }

    @Test
    void connectingToASilentPortTimesOut() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(Hosts.anyLoopbackPort())) {
            EnetHost client = hosts.client(Hosts.QUICK_TIMEOUTS, new RecordingListener());
            Future<EnetPeer> connecting = client.connect((InetSocketAddress) silent.getLocalSocketAddress(), 2, 0);
            assertTrue(connecting.awaitUninterruptibly(RecordingListener.WAIT_SECONDS, TimeUnit.SECONDS));
            assertFalse(connecting.isSuccess());
            assertInstanceOf(ConnectTimeoutException.class, connecting.cause());
        }
    }
}
