package dev.twilight.enet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two hosts talking through a relay that loses a tenth of the datagrams and holds back a fifth, reordering them. */
@ExtendWith(LeakDetection.class)
class LossyLinkTest {

    private final Hosts hosts = new Hosts();
    private LossyRelay relay;

    @AfterEach
    void close() {
        relay.close();
        hosts.close();
    }

    @Test
    void reliableMessagesAllArriveOnceAndInOrder() throws InterruptedException {
        RecordingListener serverEvents = RecordingListener.echoing();
        EnetHost server = hosts.server(2, EnetConfig.DEFAULT, serverEvents);
        relay = new LossyRelay(hosts.group(), server.localAddress(), 0.10, 0.20, 20240611);
        RecordingListener clientEvents = new RecordingListener();
        EnetPeer toServer = Hosts.connect(hosts.client(EnetConfig.DEFAULT, clientEvents), relay.address(), 3, 0);

        byte[] large = new byte[100 * 1024];
        new Random(3).nextBytes(large);
        int count = 600; // the large message goes after message 300
        for (int i = 0; i < count; i++) {
            toServer.send(i % 3, ByteBuffer.allocate(4 + i % 64).putInt(i).array(), Delivery.RELIABLE);
            if (i == count / 2) {
                toServer.send(1, large, Delivery.RELIABLE);
            }
        }

        assertDelivered(serverEvents.nextMessages(count + 1), count, large);
        assertDelivered(clientEvents.nextMessages(count + 1), count, large);
    }

    /** Every index once, in order per channel, with the large message where it was sent on channel 1. */
    private static void assertDelivered(List<RecordingListener.Message> messages, int count, byte[] large) {
        int[] next = new int[3];
        boolean largeSeen = false;
        for (RecordingListener.Message message : messages) {
            if (message.bytes().length == large.length) {
                assertEquals(1, message.channel());
                assertArrayEquals(large, message.bytes());
                assertEquals(100, next[1], "the large message follows messages 1, 4, ... 298 of its channel");
                largeSeen = true;
                continue;
            }
            int index = ByteBuffer.wrap(message.bytes()).getInt();
            assertEquals(index % 3, message.channel());
            assertEquals(next[message.channel()]++, index / 3, "channel " + message.channel() + " out of order");
        }
        assertEquals(count, next[0] + next[1] + next[2]);
        assertTrue(largeSeen);
    }
}
