package dev.twilight.input.x11;

import static dev.twilight.input.x11.TestSupport.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.twilight.api.input.InputEvent;
import org.junit.jupiter.api.Test;

/** The sink where it cannot inject; none of these reaches AWT, so they run the same with or without a display. */
class X11InputSinkTest {

    private static void assertOffAndDropping(X11InputSink sink) {
        try {
            assertEquals("x11", sink.name());
            for (Class<?> kind : InputEvent.class.getPermittedSubclasses()) {
                assertFalse(sink.supports(kind.asSubclass(InputEvent.class)), kind.getSimpleName());
            }
            sink.inject("s1", new InputEvent.Key(true, 0x41, 0));
            sink.inject("s1", new InputEvent.MouseMove(3, 4));
            TestSupport.endSession(sink, "s1");
            assertEquals(2, sink.count(InputCounter.DROPPED));
            assertEquals(0, sink.count(InputCounter.INJECTED));
        } finally {
            sink.deactivate();
        }
    }

    @Test
    void withoutADisplayNothingIsSupportedAndInputIsDropped() {
        assertOffAndDropping(new X11InputSink(config(true, ""), null));
        assertOffAndDropping(new X11InputSink(config(true, ""), " "));
    }

    @Test
    void aDisplaySettingIsRefusedWhenTheHostHasNoDisplay() {
        assertOffAndDropping(new X11InputSink(config(true, ":1"), null));
    }

    @Test
    void aDisplaySettingOtherThanTheHostsDisplayIsRefused() {
        assertOffAndDropping(new X11InputSink(config(true, ":1"), ":0"));
    }

    @Test
    void disabledMeansOff() {
        assertOffAndDropping(new X11InputSink(config(false, ""), ":0"));
    }
}
