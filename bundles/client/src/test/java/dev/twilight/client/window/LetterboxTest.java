package dev.twilight.client.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import org.junit.jupiter.api.Test;

class LetterboxTest {

    @Test
    void aWiderAreaGetsBarsLeftAndRight() {
        assertEquals(new Rectangle(160, 0, 960, 720), Letterbox.fit(640, 480, 1280, 720));
        assertEquals(new Rectangle(280, 0, 1440, 810), Letterbox.fit(1920, 1080, 2000, 810));
    }

    @Test
    void aTallerAreaGetsBarsAboveAndBelow() {
        assertEquals(new Rectangle(0, 40, 1280, 720), Letterbox.fit(1280, 720, 1280, 800));
    }

    @Test
    void theSameAspectFillsTheArea() {
        assertEquals(new Rectangle(0, 0, 640, 360), Letterbox.fit(1920, 1080, 640, 360));
    }

    @Test
    void nothingFitsInAnEmptyArea() {
        assertTrue(Letterbox.fit(1280, 720, 0, 300).isEmpty());
    }
}
