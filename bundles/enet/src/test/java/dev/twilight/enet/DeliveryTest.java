package dev.twilight.enet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakDetection.class)
class DeliveryTest {

    private final Hosts hosts = new Hosts();
    private final RecordingListener serverEvents = RecordingListener.echoing();
    private final RecordingListener clientEvents = new RecordingListener();
    private EnetPeer toServer;

    @BeforeEach
    void connect() {
        EnetHost server = hosts.server(2, EnetConfig.DEFAULT, serverEvents);
        toServer = Hosts.connect(hosts.client(EnetConfig.DEFAULT, clientEvents), server.localAddress(), 4, 0);
    }

    @AfterEach
    void close() {
        hosts.close();
    }

    @Test
    void reliableMessagesArriveOnceAndInOrderOnEachChannel() throws InterruptedException {
        int count = 2000;
        for (int i = 0; i < count; i++) {
            // sizes vary so that datagrams carry varying numbers of commands
            toServer.send(i % 4, ByteBuffer.allocate(4 + i % 200).putInt(i).array(), Delivery.RELIABLE);
        }
        assertInOrderPerChannel(serverEvents.nextMessages(count), count);
        assertInOrderPerChannel(clientEvents.nextMessages(count), count);
    }

    @Test
    void aMessageLargerThanTheMtuIsFragmentedAndReassembled() throws InterruptedException {
        byte[] large = new byte[100 * 1024];
        new Random(7).nextBytes(large);
        toServer.send(1, new byte[] {1}, Delivery.RELIABLE);
        toServer.send(1, large, Delivery.RELIABLE);
        toServer.send(1, new byte[] {2}, Delivery.RELIABLE);
        // an oversized unreliable message travels as reliable fragments too
        toServer.send(2, large, Delivery.UNRELIABLE);

        List<RecordingListener.Message> received = serverEvents.nextMessages(4);
        List<RecordingListener.Message> onChannelOne = received.stream().filter(m -> m.channel() == 1).toList();
        assertArrayEquals(new byte[] {1}, onChannelOne.get(0).bytes());
        assertArrayEquals(large, onChannelOne.get(1).bytes());
        assertArrayEquals(new byte[] {2}, onChannelOne.get(2).bytes());
        assertArrayEquals(large, received.stream().filter(m -> m.channel() == 2).findFirst().orElseThrow().bytes());
        List<RecordingListener.Message> echoes = clientEvents.nextMessages(4);
        assertArrayEquals(large, echoes.stream().filter(m -> m.bytes().length == large.length).findFirst()
                .orElseThrow().bytes(), "the echo went back through fragmentation too");
    }

    @Test
    void unreliableMessagesArriveInOrderAndUnsequencedOnesArrive() throws InterruptedException {
        int count = 20;
        for (int i = 0; i < count; i++) {
            toServer.send(2, ByteBuffer.allocate(4).putInt(i).array(), Delivery.UNRELIABLE);
            toServer.send(3, ByteBuffer.allocate(4).putInt(i).array(), Delivery.UNSEQUENCED);
        }
        // nothing is lost on loopback at this rate
        int previousUnreliable = -1;
        Set<Integer> unsequenced = new HashSet<>();
        for (RecordingListener.Message message : serverEvents.nextMessages(2 * count)) {
            int index = ByteBuffer.wrap(message.bytes()).getInt();
            if (message.channel() == 2) {
                assertTrue(index > previousUnreliable, "unreliable messages never go backwards");
                previousUnreliable = index;
            } else {
                assertTrue(unsequenced.add(index), "no duplicates");
            }
        }
        assertEquals(count - 1, previousUnreliable);
        assertEquals(count, unsequenced.size());
    }

    @Test
    void sendingOnAChannelThePeerDoesNotHaveIsRefused() {
        ByteBuf payload = Unpooled.buffer(1).writeByte(1);
        assertThrows(IllegalArgumentException.class, () -> toServer.send(4, payload, Delivery.RELIABLE));
        assertEquals(0, payload.refCnt(), "the refused payload was released");
    }

    private static void assertInOrderPerChannel(List<RecordingListener.Message> messages, int count) {
        int[] next = new int[4];
        for (RecordingListener.Message message : messages) {
            int index = ByteBuffer.wrap(message.bytes()).getInt();
            assertEquals(index % 4, message.channel());
            assertEquals(next[message.channel()], index / 4, "channel " + message.channel() + " out of order");
            next[message.channel()]++;
        }
        assertEquals(count, next[0] + next[1] + next[2] + next[3]);
    }
}
