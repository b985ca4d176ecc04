package dev.twilight.client.window;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twilight.api.client.PlaybackStatistics;
import dev.twilight.api.client.StreamStatistics;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverlayTextTest {

    @Test
    void ratesOverTheIntervalThenTheCurrentFigures() {
        PlaybackStatistics before = statistics(100, 90, 0, new StreamStatistics(1000, 2, 100, 1, 0, 0, 0, 0, 0,
                0, 1_000_000, 0, 3, 1.5, 2.5));
        PlaybackStatistics now = statistics(159, 148, 11, new StreamStatistics(2000, 5, 160, 4, 1, 0, 1, 0, 0,
                0, 2_250_000, 0, 4, 1.6, 2.8));
        assertEquals(List.of("60.0 fps received, 59.0 decoded, 58.0 rendered",
                "10.00 Mbps, RTT 4 ms, host latency 1.6 ms",
                "decode 2.1 ms (p99 4.2), renderer dropped 11 frames",
                "lost 5 packets, 1 frames; FEC repaired 4 frames; 1 key frames asked",
                "Ctrl+Alt+Shift+S hides this"), OverlayText.lines(before, now, 1.0));
    }

    private static PlaybackStatistics statistics(long decoded, long rendered, long dropped, StreamStatistics stream) {
        return new PlaybackStatistics(decoded, 0, 0, 2.1, 4.2, rendered, dropped, 0, 0, -1, -1, 0, 0, 0.0, 0.0, 0, 0, 0, 0,
                stream);
    }
}
