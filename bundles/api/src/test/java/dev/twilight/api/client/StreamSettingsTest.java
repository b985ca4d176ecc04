package dev.twilight.api.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.api.media.VideoCodec;
import org.junit.jupiter.api.Test;

class StreamSettingsTest {

    @Test
    void defaultsAreMoonlights() {
        StreamSettings settings = StreamSettings.of(1280, 720, 60, 10_000);
        assertEquals(new StreamSettings(1280, 720, 60, 10_000, VideoCodec.H264, 1392, 2, 5, 0), settings);
        assertEquals(10, settings.withSimulatedLoss(10).simulatedLossPercent());
        assertEquals(VideoCodec.AV1, settings.withCodec(VideoCodec.AV1).codec());
    }

    @Test
    void invalidSettingsNameWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StreamSettings.of(1280, 721, 60, 10_000))
                .getMessage().contains("height"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new StreamSettings(1280, 720, 60, 10_000, VideoCodec.H264, 1000, 2, 5, 0))
                .getMessage().contains("multiple of 16"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new StreamSettings(1280, 720, 60, 10_000, VideoCodec.H264, 1392, 4, 5, 0))
                .getMessage().contains("2, 6 or 8"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> StreamSettings.of(1280, 720, 60, 10_000).withSimulatedLoss(60)).getMessage().contains("loss"));
        assertThrows(NullPointerException.class,
                () -> new StreamSettings(1280, 720, 60, 10_000, null, 1392, 2, 5, 0));
    }
}
