package dev.twilight.enet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exact bytes against the layouts of the fork's {@code include/enet/protocol.h}: big-endian fields, a header of
 * peer ID (bits 0-11), session (12-13) and sent-time flag (15) followed by the sent time when flagged, then
 * commands of a 4-byte header (command | 0x80 acknowledge | 0x40 unsequenced, channel, reliable sequence).
 * The other side of each exchange is written here by hand.
 */
@ExtendWith(LeakDetection.class)
class WireFormatTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 50000);
    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 47999);

    private EmbeddedHost host;

    @AfterEach
    void close() {
        host.close();
    }

    @Test
    void serverAnswersConnectWithVerifyConnectAndDeliversAfterItsAcknowledgement() throws InterruptedException {
        host = EmbeddedHost.server(4);
        host.channel.freezeTime(); // no retransmission or ping unless a test says so
        host.receive(CLIENT, ByteBuffer.allocate(4 + 48)
                .putShort((short) 0x8FFF).putShort((short) 0x1234) // no peer ID yet, sent time follows
                .put((byte) 0x82).put((byte) 0xFF).putShort((short) 1) // CONNECT, acknowledge; connection; seq 1
                .putShort((short) 0) // the client's peer ID for this server
                .put((byte) 0xFF).put((byte) 0xFF) // no session IDs yet
                .putInt(1400).putInt(65536).putInt(48) // MTU, window, channels
                .putInt(0).putInt(0) // bandwidth in, out: unlimited
                .putInt(5000).putInt(2).putInt(2) // throttle interval, acceleration, deceleration
                .putInt(0xCAFEBABE).putInt(0x12345678)); // connect ID, data

        ByteBuffer verify = host.nextSent(CLIENT);
        assertEquals(4 + 44, verify.remaining());
        int header = verify.getShort(0) & 0xFFFF;
        assertEquals(0x8000, header & 0xC000, "sent time flagged, not compressed");
        assertEquals(0, header & 0x0FFF, "addressed to the client's peer ID");
        int serverSession = (header >> 12) & 3;
        assertEquals(0x83, verify.get(4) & 0xFF, "VERIFY_CONNECT, to be acknowledged");
        assertEquals(0xFF, verify.get(5) & 0xFF);
        assertEquals(1, verify.getShort(6));
        assertEquals(0, verify.getShort(8), "the server's peer ID for the client");
        assertEquals(serverSession, verify.get(10), "the client's incoming session is the server's outgoing one");
        int clientSession = verify.get(11);
        assertEquals(900, verify.getInt(12), "MTU: the lesser of 1400 and libenet's 900");
        assertEquals(65536, verify.getInt(16));
        assertEquals(48, verify.getInt(20));
        assertEquals(0, verify.getInt(24));
        assertEquals(0, verify.getInt(28));
        assertEquals(5000, verify.getInt(32));
        assertEquals(2, verify.getInt(36));
        assertEquals(2, verify.getInt(40));
        assertEquals(0xCAFEBABE, verify.getInt(44));
        host.events.assertNoConnection(0); // connected only once VERIFY_CONNECT is acknowledged

        int toServer = clientSession << 12; // server peer ID 0
        host.receive(CLIENT, ByteBuffer.allocate(2 + 8)
                .putShort((short) toServer) // no sent time: acknowledgements need none
                .put((byte) 0x01).put((byte) 0xFF).putShort((short) 1)
                .putShort((short) 1).putShort(verify.getShort(2))); // acknowledged sequence, its sent time
        EnetPeer peer = host.events.nextConnection();
        assertEquals(0x12345678, peer.connectData());
        assertEquals(48, peer.channelCount());
        assertEquals(CLIENT, peer.remoteAddress());
        assertTrue(host.sentNothing(), "a ping waits for the ping interval");

        // libenet hosts announce bandwidth after connects; both commands are accepted and acknowledged
        host.receive(CLIENT, ByteBuffer.allocate(4 + 12 + 16)
                .putShort((short) (0x8000 | toServer)).putShort((short) 0x1111)
                .put((byte) 0x8A).put((byte) 0xFF).putShort((short) 2).putInt(0).putInt(0) // BANDWIDTH_LIMIT
                .put((byte) 0x8B).put((byte) 0xFF).putShort((short) 3).putInt(5000).putInt(2).putInt(2)); // THROTTLE_...
        assertArrayEquals(new byte[] {
            0x01, (byte) 0xFF, 0, 2, 0, 2, 0x11, 0x11,
            0x01, (byte) 0xFF, 0, 3, 0, 3, 0x11, 0x11}, bytesFrom(host.nextSent(CLIENT), 2));

        host.receive(CLIENT, ByteBuffer.allocate(4 + 6 + 5)
                .putShort((short) (0x8000 | toServer)).putShort((short) 0x2222)
                .put((byte) 0x86).put((byte) 3).putShort((short) 1).putShort((short) 5) // SEND_RELIABLE channel 3
                .put("hello".getBytes(StandardCharsets.US_ASCII)));
        RecordingListener.Message hello = host.events.nextMessage();
        assertEquals(3, hello.channel());
        assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), hello.bytes());
        ByteBuffer acknowledgement = host.nextSent(CLIENT);
        assertEquals(2 + 8, acknowledgement.remaining());
        assertEquals(serverSession << 12, acknowledgement.getShort(0), "peer ID 0, session, no sent time");
        assertEquals(0x01, acknowledgement.get(2));
        assertEquals(3, acknowledgement.get(3));
        assertEquals(1, acknowledgement.getShort(4));
        assertEquals(1, acknowledgement.getShort(6));
        assertEquals(0x2222, acknowledgement.getShort(8));

        peer.send(0, "hi".getBytes(StandardCharsets.US_ASCII), Delivery.RELIABLE);
        ByteBuffer reliable = host.nextSent(CLIENT);
        assertEquals(4 + 6 + 2, reliable.remaining());
        assertEquals(0x8000 | serverSession << 12, reliable.getShort(0) & 0xFFFF);
        assertArrayEquals(new byte[] {(byte) 0x86, 0, 0, 1, 0, 2, 'h', 'i'}, bytesFrom(reliable, 4));

        peer.send(1, new byte[] {'u'}, Delivery.UNRELIABLE);
        peer.send(2, new byte[] {'s'}, Delivery.UNSEQUENCED);
        ByteBuffer unreliable = host.nextSent(CLIENT);
        assertEquals(serverSession << 12, unreliable.getShort(0), "nothing to acknowledge: no sent time");
        assertArrayEquals(new byte[] {
            0x07, 1, 0, 0, 0, 1, 0, 1, 'u', // SEND_UNRELIABLE: after reliable 0, unreliable 1, length 1
            0x49, 2, 0, 0, 0, 1, 0, 1, 's'}, // SEND_UNSEQUENCED (0x40 flag): group 1, length 1
                bytesFrom(unreliable, 2));

        host.receive(CLIENT, ByteBuffer.allocate(4 + 8 + 8)
                .putShort((short) (0x8000 | toServer)).putShort((short) 0x3333)
                .put((byte) 0x01).put((byte) 0).putShort((short) 1).putShort((short) 1).putShort(reliable.getShort(2))
                .put((byte) 0x84).put((byte) 0xFF).putShort((short) 4).putInt(0xDEAD)); // graceful DISCONNECT
        ByteBuffer disconnectAcknowledgement = host.nextSent(CLIENT);
        assertArrayEquals(new byte[] {0x01, (byte) 0xFF, 0, 4, 0, 4, 0x33, 0x33}, bytesFrom(disconnectAcknowledgement, 2));
        RecordingListener.Disconnection disconnection = host.events.nextDisconnection();
        assertSame(peer, disconnection.peer());
        assertEquals(DisconnectReason.GRACEFUL, disconnection.reason());
        assertEquals(0xDEAD, disconnection.data());
    }

    @Test
    void clientConnectsAdoptsTheVerifiedSessionsAndSendsUnderThem() throws InterruptedException {
        host = EmbeddedHost.client();
        host.channel.freezeTime();
        Promise<EnetPeer> connecting = host.connect(SERVER, 48, 0x0BADF00D);

        ByteBuffer connect = host.nextSent(SERVER);
        assertEquals(4 + 48, connect.remaining());
        assertEquals(0x8FFF, connect.getShort(0) & 0xFFFF, "sent time flagged, peer ID not assigned yet");
        assertArrayEquals(new byte[] {(byte) 0x82, (byte) 0xFF, 0, 1, 0, 0, (byte) 0xFF, (byte) 0xFF},
                bytesFrom(connect, 4, 8), "CONNECT, seq 1, client peer ID 0, no session IDs yet");
        assertEquals(900, connect.getInt(12));
        assertEquals(65536, connect.getInt(16));
        assertEquals(48, connect.getInt(20));
        assertEquals(0, connect.getInt(24));
        assertEquals(0, connect.getInt(28));
        assertEquals(5000, connect.getInt(32));
        assertEquals(2, connect.getInt(36));
        assertEquals(2, connect.getInt(40));
        int connectId = connect.getInt(44);
        assertEquals(0x0BADF00D, connect.getInt(48));

        // the server's peer ID for the client is 5; it sends under session 1 and expects session 2
        host.receive(SERVER, ByteBuffer.allocate(4 + 44)
                .putShort((short) (0x8000 | 1 << 12)).putShort((short) 0x4321)
                .put((byte) 0x83).put((byte) 0xFF).putShort((short) 1)
                .putShort((short) 5).put((byte) 1).put((byte) 2)
                .putInt(1200).putInt(32768).putInt(10).putInt(0).putInt(0)
                .putInt(5000).putInt(2).putInt(2).putInt(connectId));

        // no acknowledgement has come from the server yet, so (as with libenet) a ping is due at once
        ByteBuffer acknowledgement = host.nextSent(SERVER);
        assertEquals(0xA005, acknowledgement.getShort(0) & 0xFFFF, "sent time flagged, peer ID 5, session 2");
        assertArrayEquals(new byte[] {
            0x01, (byte) 0xFF, 0, 1, 0, 1, 0x43, 0x21, // ACKNOWLEDGE VERIFY_CONNECT, echoing its sent time
            (byte) 0x85, (byte) 0xFF, 0, 2}, // PING, the second connection-level command
                bytesFrom(acknowledgement, 4));
        assertTrue(connecting.isSuccess());
        EnetPeer peer = connecting.getNow();
        assertSame(peer, host.events.nextConnection());
        assertEquals(10, peer.channelCount(), "the server's lesser channel count");

        long discarded = host.protocol.discardedDatagrams();
        host.receive(SERVER, reliableHello(3 << 12));
        host.events.assertNoMessage(0);
        assertEquals(discarded + 1, host.protocol.discardedDatagrams(), "wrong session: dropped");
        host.receive(SERVER, reliableHello(1 << 12));
        assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), host.events.nextMessage().bytes());
    }

    private static ByteBuffer reliableHello(int peerField) {
        return ByteBuffer.allocate(4 + 6 + 5)
                .putShort((short) (0x8000 | peerField)).putShort((short) 7)
                .put((byte) 0x86).put((byte) 0).putShort((short) 1).putShort((short) 5)
                .put("hello".getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] bytesFrom(ByteBuffer datagram, int offset) {
        return bytesFrom(datagram, offset, datagram.remaining() - offset);
    }

    private static byte[] bytesFrom(ByteBuffer datagram, int offset, int length) {
        byte[] bytes = new byte[length];
        datagram.get(offset, bytes);
        return bytes;
    }
}
