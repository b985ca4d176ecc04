package dev.twilight.client.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatestTest {

    private static final class Item implements AutoCloseable {

        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void theConsumerGetsTheNewestAndTheReplacedOnesAreClosedAndCounted() {
        Latest<Item> latest = new Latest<>();
        Item first = new Item();
        Item second = new Item();
        latest.offer(first);
        latest.offer(second);
        assertTrue(first.closed);
        assertSame(second, latest.take());
        assertFalse(second.closed, "the taker owns it now");
        assertNull(latest.take(), "nothing new since");
        assertEquals(1, latest.dropped());
    }

    @Test
    void closingDropsWhatIsLeftAndEverythingOfferedLater() {
        Latest<Item> latest = new Latest<>();
        Item left = new Item();
        Item late = new Item();
        latest.offer(left);
        latest.close();
        latest.offer(late);
        assertTrue(left.closed);
        assertTrue(late.closed);
        assertNull(latest.take());
        assertEquals(2, latest.dropped());
    }
}
