package dev.twilight.enet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakDetection.class)
class MalformedDatagramTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 50000);

    @Test
    void randomDatagramsAreDroppedAndCountedWhileTheHostKeepsServing() throws Exception {
        try (Hosts hosts = new Hosts(); DatagramSocket attacker = new DatagramSocket(Hosts.anyLoopbackPort())) {
            RecordingListener serverEvents = RecordingListener.echoing();
            EnetHost server = hosts.server(8, EnetConfig.DEFAULT, serverEvents);
            RecordingListener clientEvents = new RecordingListener();
            EnetPeer toServer = Hosts.connect(hosts.client(EnetConfig.DEFAULT, clientEvents), server.localAddress(),
                    2, 0);
            serverEvents.nextConnection();

            Random random = new Random(11);
            for (int i = 0; i < 3000; i++) {
                byte[] datagram = new byte[random.nextInt(i % 10 == 0 ? 1500 : 80)];
                random.nextBytes(datagram);
                if (datagram.length >= 2 && random.nextBoolean()) {
                    // look like a datagram for the connected peer (ID 0) or a CONNECT (0xFFF)
                    datagram[0] = (byte) ((datagram[0] & 0xF0) | (random.nextBoolean() ? 0x0F : 0));
                    datagram[1] = (byte) (datagram[0] == 0x0F ? 0xFF : 0);
                }
                attacker.send(new DatagramPacket(datagram, datagram.length, server.localAddress()));
            }

            toServer.send(1, new byte[] {42}, Delivery.RELIABLE);
            RecordingListener.Message echo = clientEvents.nextMessage();
            assertArrayEquals(new byte[] {42}, echo.bytes());
            assertTrue(toServer.isConnected());
            assertTrue(server.discardedDatagrams() > 0);
            EnetPeer late = Hosts.connect(hosts.client(EnetConfig.DEFAULT, new RecordingListener()),
                    server.localAddress(), 2, 7);
            assertTrue(late.isConnected(), "still accepting connections");
        }
    }

    /**
     * Random commands under a valid header from the connected peer's own address, straight into the protocol so that
     * an exception would surface: every handler sees garbage in the connected state.
     */
    @Test
    void randomCommandsFromAConnectedPeerNeverThrow() {
        try (EmbeddedHost host = EmbeddedHost.server(64)) {
            host.channel.freezeTime();
            Random random = new Random(5);
            int peerField = handshake(host, random.nextInt());
            int handshakes = 1;
            for (int i = 0; i < 20_000; i++) {
                ByteBuf datagram = Unpooled.buffer();
                datagram.writeShort(0x8000 | peerField).writeShort(random.nextInt(0x10000));
                for (int commands = 1 + random.nextInt(4); commands > 0; commands--) {
                    writeRandomCommand(datagram, random);
                }
                assertDoesNotThrow(() -> host.process(CLIENT, datagram));
                if (host.events.pollDisconnection() != null) {
                    peerField = handshake(host, random.nextInt());
                    handshakes++;
                }
            }
            assertTrue(handshakes > 1, "the fuzz reached the disconnect handling");
        }
    }

    /** A command with a random number and flags, fields mostly small (so that some pass the checks), random payload. */
    private static void writeRandomCommand(ByteBuf datagram, Random random) {
        int number = random.nextInt(16);
        datagram.writeByte(number | (random.nextBoolean() ? Protocol.FLAG_ACKNOWLEDGE : 0)
                | (random.nextInt(8) == 0 ? Protocol.FLAG_UNSEQUENCED : 0));
        datagram.writeByte(random.nextInt(8) == 0 ? 0xFF : random.nextInt(4));
        datagram.writeShort(random.nextInt(8));
        int bodySize = number > 0 && number < Protocol.COMMAND_COUNT ? Protocol.commandSize(number) - 4
                : random.nextInt(8);
        for (int field = 0; field < bodySize; field += 2) {
            datagram.writeShort(random.nextBoolean() ? random.nextInt(300) : random.nextInt(0x10000));
        }
        datagram.writeZero(random.nextInt(8) == 0 ? 0 : random.nextInt(40));
    }

    /** Connects a hand-made client at {@link #CLIENT}; returns the peer field its datagrams must carry. */
    private static int handshake(EmbeddedHost host, int connectId) {
        host.receive(CLIENT, ByteBuffer.allocate(4 + 48)
                .putShort((short) 0x8FFF).putShort((short) 0)
                .put((byte) 0x82).put((byte) 0xFF).putShort((short) 1)
                .putShort((short) 0).put((byte) 0xFF).put((byte) 0xFF)
                .putInt(1400).putInt(65536).putInt(4).putInt(0).putInt(0).putInt(5000).putInt(2).putInt(2)
                .putInt(connectId).putInt(0));
        ByteBuffer verify = host.nextSent(CLIENT);
        int peerField = verify.getShort(8) | verify.get(11) << 12;
        host.receive(CLIENT, ByteBuffer.allocate(2 + 8)
                .putShort((short) peerField)
                .put((byte) 0x01).put((byte) 0xFF).putShort((short) 1).putShort((short) 1).putShort(verify.getShort(2)));
        assertNotNull(host.events.pollConnection(), "handshake completed");
        host.channel.releaseOutbound();
        return peerField;
    }
}
