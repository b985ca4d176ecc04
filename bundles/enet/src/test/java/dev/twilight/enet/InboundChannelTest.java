package dev.twilight.enet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakDetection.class)
class InboundChannelTest {

    private final List<String> delivered = new ArrayList<>();
    private final InboundChannel channel = new InboundChannel(ByteBufAllocator.DEFAULT, new InboundChannel.WaitingData(),
            payload -> {
                delivered.add(payload.toString(StandardCharsets.US_ASCII));
                payload.release();
            });

    @AfterEach
    void release() {
        channel.clear();
    }

    @Test
    void reliableMessagesAreHeldUntilTheGapFillsAndDuplicatesIgnored() {
        reliable(2, "b");
        reliable(3, "c");
        assertEquals(List.of(), delivered);
        reliable(1, "a");
        reliable(2, "b again");
        reliable(1, "a again");
        assertEquals(List.of("a", "b", "c"), delivered);
    }

    @Test
    void sequenceNumbersWrapAround() {
        for (int sequence = 1; sequence <= 0xFFFF; sequence++) {
            reliable(sequence, "");
        }
        delivered.clear();
        reliable(1, "after");
        reliable(0, "wrapped");
        assertEquals(List.of("wrapped", "after"), delivered);
    }

    @Test
    void onlySequenceNumbersUpToSixWindowsAheadAreAccepted() {
        assertTrue(channel.inReceiveWindow(1));
        assertTrue(channel.inReceiveWindow(7 * 4096 - 1));
        assertFalse(channel.inReceiveWindow(7 * 4096), "seventh window ahead");
        assertFalse(channel.acknowledges(7 * 4096));
        assertFalse(channel.acknowledges(9 * 4096 - 1));
        assertTrue(channel.acknowledges(9 * 4096), "far enough to be an old one, wrapped: acknowledged");
        reliable(7 * 4096, "too far");
        assertEquals(List.of(), delivered);
    }

    @Test
    void olderUnreliableMessagesAreDropped() {
        unreliable(0, 2, "2");
        unreliable(0, 1, "1");
        unreliable(0, 3, "3");
        unreliable(0, 3, "3 again");
        assertEquals(List.of("2", "3"), delivered);
    }

    @Test
    void unreliableMessagesWaitForTheReliableOneTheyFollow() {
        unreliable(1, 1, "after a");
        assertEquals(List.of(), delivered);
        reliable(1, "a");
        assertEquals(List.of("a", "after a"), delivered);
    }

    @Test
    void unreliableMessagesFollowingAnOvertakenReliableOneAreDropped() {
        unreliable(1, 1, "after a");
        reliable(2, "b");
        unreliable(2, 1, "after b");
        reliable(1, "a");
        assertEquals(List.of("a", "b", "after b"), delivered);
    }

    @Test
    void fragmentsReassembleInAnyOrderAndTakeTheirSequenceNumbers() {
        assertTrue(fragment(1, 2, "cd"));
        assertTrue(fragment(1, 0, "ab"));
        assertTrue(fragment(1, 0, "ab"));
        reliable(4, "next");
        assertEquals(List.of(), delivered);
        assertTrue(fragment(1, 1, "xy"));
        assertEquals(List.of("abxycd", "next"), delivered);
    }

    @Test
    void aFragmentContradictingItsMessageIsRejected() {
        assertTrue(fragment(1, 0, "ab"));
        ByteBuf bytes = ascii("zz");
        assertFalse(channel.receiveFragment(1, 1, 4, 8, 2, bytes), "different fragment count");
        bytes.release();
    }

    private void reliable(int sequence, String text) {
        ByteBuf bytes = ascii(text);
        assertTrue(channel.receiveReliable(sequence, bytes));
        bytes.release();
    }

    private void unreliable(int reliableSequence, int sequence, String text) {
        ByteBuf bytes = ascii(text);
        assertTrue(channel.receiveUnreliable(reliableSequence, sequence, bytes));
        bytes.release();
    }

    /** One 2-byte fragment of a 6-byte message in three fragments. */
    private boolean fragment(int startSequence, int number, String text) {
        ByteBuf bytes = ascii(text);
        try {
            return channel.receiveFragment(startSequence, number, 3, 6, 2 * number, bytes);
        } finally {
            bytes.release();
        }
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }
}
