package dev.twilight.input.x11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.api.input.InputEvent;
import java.awt.Rectangle;
import java.awt.event.KeyEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InjectorTest {

    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final Injector injector = new Injector(4);
    private final RecordingTarget target = new RecordingTarget(new Rectangle(0, 0, 100, 100), 3);

    @AfterEach
    void stop() {
        injector.stop(STOP_WAIT);
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    private void startOn(InputTarget display) throws InterruptedException {
        injector.start("test-injector", () -> display);
        await("the display is open", injector::ready);
    }

    @Test
    void aFullQueueDropsAndCountsWhileTheDisplayIsBusy() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch free = new CountDownLatch(1);
        startOn(new RecordingTarget(new Rectangle(0, 0, 100, 100), 3) {
            @Override
            public void keyDown(int awtKeyCode) {
                busy.countDown();
                try {
                    free.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.keyDown(awtKeyCode);
            }
        });
        injector.offer("s", new InputEvent.Key(true, 0x41, 0));
        assertTrue(busy.await(10, TimeUnit.SECONDS));
        for (int n = 0; n < 6; n++) {
            injector.offer("s", new InputEvent.MouseMove(1, 1));
        }
        assertEquals(2, injector.count(InputCounter.DROPPED));
        free.countDown();
        await("the queue is drained", () -> injector.count(InputCounter.INJECTED) == 5);
        injector.offer("s", new InputEvent.MouseMove(1, 1));
        await("a later event is taken again", () -> injector.count(InputCounter.INJECTED) == 6);
        assertEquals(2, injector.count(InputCounter.DROPPED));
    }

    @Test
    void theEndOfASessionLetsGoOfWhatItHeldAndOnlyThat() throws Exception {
        startOn(target);
        injector.offer("a", new InputEvent.Key(true, 0x41, 0));
        injector.offer("b", new InputEvent.Key(true, 0x42, 0));
        injector.offer("a", new InputEvent.MouseButton(true, 1));
        injector.endSession("a");
        await("session a is released", () -> target.actions.contains("button up 1"));
        assertEquals(List.of("key down " + KeyEvent.VK_A, "key down " + KeyEvent.VK_B, "button down 1",
                "key up " + KeyEvent.VK_A, "button up 1"), target.actions);
    }

    @Test
    void stoppingLetsGoOfEveryHeldKeyAndEndsTheThread() throws Exception {
        startOn(target);
        injector.offer("a", new InputEvent.Key(true, 0xA0, 0));
        injector.offer("b", new InputEvent.MouseButton(true, 3));
        await("both events are injected", () -> injector.count(InputCounter.INJECTED) == 2);
        injector.stop(STOP_WAIT);
        assertTrue(target.actions.containsAll(List.of("key up " + KeyEvent.VK_SHIFT, "button up 3")),
                target.actions.toString());
        assertFalse(injector.ready());
        injector.offer("a", new InputEvent.Key(true, 0x41, 0));
        assertEquals(1, injector.count(InputCounter.DROPPED));
    }

    @Test
    void aDisplayThatCannotOpenIsNeverReadyAndEventsAreDropped() throws Exception {
        CountDownLatch tried = new CountDownLatch(1);
        injector.start("test-injector", () -> {
            tried.countDown();
            throw new DisplayUnavailableException("no display in this test", null);
        });
        assertTrue(tried.await(10, TimeUnit.SECONDS));
        injector.offer("s", new InputEvent.Key(true, 0x41, 0));
        assertFalse(injector.ready());
        assertEquals(1, injector.count(InputCounter.DROPPED));
    }

    @Test
    void aFailingDisplayCallIsCountedAndTheThreadGoesOn() throws Exception {
        startOn(new RecordingTarget(new Rectangle(0, 0, 100, 100), 3) {
            @Override
            public void wheel(int notches) {
                throw new IllegalArgumentException("refused in this test");
            }
        });
        injector.offer("s", new InputEvent.Scroll(false, 120));
        injector.offer("s", new InputEvent.MouseMove(1, 1));
        await("the move after the failure is injected", () -> injector.count(InputCounter.INJECTED) == 1);
        assertEquals(1, injector.count(InputCounter.FAILED));
    }
}
