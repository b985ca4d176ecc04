package dev.twilight.enet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The small pieces of state that pace sending and recognise duplicates. */
class SendingWindowsTest {

    @Test
    void aNewReliableWindowWaitsWhileThePreviousIsFullyInFlight() {
        OutboundChannel channel = new OutboundChannel();
        for (int sequence = 4096; sequence < 8192; sequence++) {
            channel.sentFirstTime(sequence);
        }
        assertFalse(channel.mustWaitForWindow(8193), "not the first of a window");
        assertTrue(channel.mustWaitForWindow(8192), "all of window 1 unacknowledged");
        channel.acknowledged(5000);
        assertFalse(channel.mustWaitForWindow(8192));
    }

    @Test
    void aNewReliableWindowWaitsWhileAWindowUpToNineAheadIsInUse() {
        OutboundChannel channel = new OutboundChannel();
        channel.sentFirstTime(1);
        assertTrue(channel.mustWaitForWindow(7 * 4096), "window 0 is nine windows after window 7, wrapping");
        assertFalse(channel.mustWaitForWindow(6 * 4096), "window 0 is ten windows after window 6");
        channel.acknowledged(1);
        assertFalse(channel.mustWaitForWindow(7 * 4096));
    }

    @Test
    void unsequencedGroupsAreAcceptedOnce() {
        UnsequencedWindow window = new UnsequencedWindow();
        assertTrue(window.accept(1));
        assertFalse(window.accept(1));
        assertTrue(window.accept(3));
        assertTrue(window.accept(2));
        assertTrue(window.accept(1024 + 5), "the next window: moves there and forgets the old one");
        assertFalse(window.accept(1), "behind the window: taken for a group 63 windows ahead, too far");
        assertFalse(window.accept(1024 + 32 * 1024), "32 windows ahead: too far");
        assertTrue(window.accept(1024 + 31 * 1024));
    }

    @Test
    void roundTripTimeSmoothsSamplesAndBoundsTheRetransmissionTimeout() {
        RoundTripTime roundTripTime = new RoundTripTime();
        assertEquals(500, roundTripTime.mean());
        assertEquals(504, roundTripTime.retransmitTimeout(30_000), "500 + 4 x max(1, variance 0)");
        roundTripTime.update(100);
        assertEquals(100, roundTripTime.mean());
        assertEquals(200, roundTripTime.retransmitTimeout(30_000), "100 + min(100, 4 x 50)");
        roundTripTime.update(180);
        assertEquals(110, roundTripTime.mean(), "moves an eighth of the way, rounded up");
        assertEquals(200, roundTripTime.retransmitTimeout(1000), "capped at a fifth of the maximum timeout");
    }
}
