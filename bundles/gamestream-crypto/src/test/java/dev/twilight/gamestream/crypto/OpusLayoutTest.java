package dev.twilight.gamestream.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.api.decode.OpusStreams;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OpusLayoutTest {

    /** What a DESCRIBE reply carries: for each channel count the normal-quality line first. */
    private static final String DESCRIBE = "v=0\r\no=android 0 14 IN IPv4 0.0.0.0\r\n"
            + "a=fmtp:97 surround-params=21101\r\na=fmtp:97 surround-params=21101\r\n"
            + "a=fmtp:97 surround-params=642012453\r\na=fmtp:97 surround-params=660012345\r\n"
            + "a=fmtp:97 surround-params=85301245367\r\na=fmtp:97 surround-params=88001234567\r\n";

    @Test
    void aClientReadsTheNormalQualityLayoutOfItsChannelCountAndMovesLfeToFourth() {
        OpusStreams surround = OpusLayout.advertisedIn(DESCRIBE, 6).orElseThrow().decoderStreams();
        assertEquals(new OpusStreams(6, 4, 2, new int[] {0, 1, 2, 3, 4, 5}), surround);
        OpusStreams wide = OpusLayout.advertisedIn(DESCRIBE, 8).orElseThrow().decoderStreams();
        assertEquals(new OpusStreams(8, 5, 3, new int[] {0, 1, 2, 7, 4, 5, 3, 6}), wide);
        assertTrue(OpusLayout.advertisedIn("no layouts here", 6).isEmpty());
        assertTrue(OpusLayout.advertisedIn("surround-params=6420", 6).isEmpty(), "a cut line is no layout");
    }

    @Test
    void theHostAdvertisesWhatTheClientReadsBack() {
        for (OpusLayout layout : OpusLayout.ADVERTISED) {
            if (!layout.highQuality()) {
                assertEquals(layout, OpusLayout.advertisedIn(DESCRIBE, layout.channels()).orElseThrow());
            }
        }
    }

    @Test
    void theIdentificationHeaderNamesTheStreamsAndTheMapping() {
        byte[] head = OpusLayout.opusHead(new OpusStreams(6, 4, 2, new int[] {0, 1, 4, 3, 5, 2}));
        assertEquals("OpusHead", new String(head, 0, 8, StandardCharsets.US_ASCII));
        assertEquals(1, head[8], "version");
        assertEquals(6, head[9], "channels");
        assertEquals(48_000, (head[12] & 0xFF) | (head[13] & 0xFF) << 8 | (head[14] & 0xFF) << 16, "sample rate");
        assertEquals((byte) 255, head[18], "mapping family without channel semantics");
        assertEquals(4, head[19], "streams");
        assertEquals(2, head[20], "coupled streams");
        assertArrayEquals(new byte[] {0, 1, 4, 3, 5, 2}, Arrays.copyOfRange(head, 21, 27));
    }

    @Test
    void impossibleLayoutsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new OpusStreams(6, 4, 2, new int[] {0, 1, 2}));
        assertThrows(IllegalArgumentException.class, () -> new OpusStreams(2, 1, 1, new int[] {0, 2}));
        assertThrows(IllegalArgumentException.class, () -> new OpusLayout("6420", false));
    }
}
