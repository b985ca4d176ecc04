package dev.twilight.enet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakDetection.class)
class DisconnectTest {

    private final Hosts hosts = new Hosts();
    private final RecordingListener serverEvents = new RecordingListener();
    private final RecordingListener clientEvents = new RecordingListener();
    private LossyRelay relay;

    @AfterEach
    void close() {
        if (relay != null) {
            relay.close();
        }
        hosts.close();
    }

    @Test
    void aGracefulDisconnectDeliversWhatWasQueuedThenItsData() throws InterruptedException {
        EnetHost server = hosts.server(2, EnetConfig.DEFAULT, serverEvents);
        EnetPeer toServer = Hosts.connect(hosts.client(EnetConfig.DEFAULT, clientEvents), server.localAddress(), 2, 0);
        EnetPeer toClient = serverEvents.nextConnection();
        for (int i = 0; i < 50; i++) {
            toServer.send(1, ByteBuffer.allocate(4).putInt(i).array(), Delivery.RELIABLE);
        }
        toServer.disconnect(0x1234);

        for (int i = 0; i < 50; i++) {
            assertEquals(i, ByteBuffer.wrap(serverEvents.nextMessage().bytes()).getInt());
        }
        RecordingListener.Disconnection atServer = serverEvents.nextDisconnection();
        assertSame(toClient, atServer.peer());
        assertEquals(DisconnectReason.GRACEFUL, atServer.reason());
        assertEquals(0x1234, atServer.data());
        RecordingListener.Disconnection atClient = clientEvents.nextDisconnection();
        assertSame(toServer, atClient.peer());
        assertEquals(DisconnectReason.GRACEFUL, atClient.reason());
        assertFalse(toServer.isConnected());
        assertFalse(toClient.isConnected());
    }

    @Test
    void disconnectNowResetsThePeerAndReportsNothingLocally() throws InterruptedException {
        EnetHost server = hosts.server(2, EnetConfig.DEFAULT, serverEvents);
        EnetPeer toServer = Hosts.connect(hosts.client(EnetConfig.DEFAULT, clientEvents), server.localAddress(), 2, 0);
        serverEvents.nextConnection().disconnectNow(99);

        RecordingListener.Disconnection atClient = clientEvents.nextDisconnection();
        assertSame(toServer, atClient.peer());
        assertEquals(DisconnectReason.RESET, atClient.reason());
        assertEquals(99, atClient.data());
        serverEvents.assertNoDisconnection(200);
    }

    @Test
    void closingAHostResetsItsPeers() throws InterruptedException {
        EnetHost server = hosts.server(2, EnetConfig.DEFAULT, serverEvents);
        Hosts.connect(hosts.client(EnetConfig.DEFAULT, clientEvents), server.localAddress(), 2, 0);
        server.close().syncUninterruptibly();

        assertEquals(DisconnectReason.RESET, clientEvents.nextDisconnection().reason());
    }

    @Test
    void bothSidesTimeOutWhenTheLinkGoesSilent() throws InterruptedException {
        EnetHost server = hosts.server(2, Hosts.QUICK_TIMEOUTS, serverEvents);
        relay = new LossyRelay(hosts.group(), server.localAddress(), 0, 0, 1);
        EnetPeer toServer = Hosts.connect(hosts.client(Hosts.QUICK_TIMEOUTS, clientEvents), relay.address(), 2, 0);
        EnetPeer toClient = serverEvents.nextConnection();
        relay.blackhole();

        RecordingListener.Disconnection atClient = clientEvents.nextDisconnection();
        assertSame(toServer, atClient.peer());
        assertEquals(DisconnectReason.TIMEOUT, atClient.reason());
        assertEquals(0, atClient.data());
        RecordingListener.Disconnection atServer = serverEvents.nextDisconnection();
        assertSame(toClient, atServer.peer());
        assertEquals(DisconnectReason.TIMEOUT, atServer.reason());
    }
}
