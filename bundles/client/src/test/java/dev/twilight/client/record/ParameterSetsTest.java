package dev.twilight.client.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.twilight.api.media.VideoCodec;
import org.junit.jupiter.api.Test;

class ParameterSetsTest {

    @Test
    void h264KeepsSpsAndPpsWithFourByteStartCodes() {
        byte[] unit = {0, 0, 0, 1, 0x09, (byte) 0xF0, // access unit delimiter
            0, 0, 0, 1, 0x67, 1, 2, 3, // SPS
            0, 0, 1, 0x68, 4, 5, // PPS after a three-byte start code
            0, 0, 0, 1, 0x65, 9, 9, 9}; // IDR slice
        assertArrayEquals(new byte[] {0, 0, 0, 1, 0x67, 1, 2, 3, 0, 0, 0, 1, 0x68, 4, 5},
                ParameterSets.of(VideoCodec.H264, unit));
    }

    @Test
    void hevcKeepsVpsSpsAndPps() {
        byte[] unit = {0, 0, 0, 1, 0x40, 1, 7, // VPS (type 32)
            0, 0, 0, 1, 0x42, 1, 8, // SPS (33)
            0, 0, 0, 1, 0x44, 1, 9, // PPS (34)
            0, 0, 0, 1, 0x26, 1, 6}; // IDR slice (19)
        assertArrayEquals(new byte[] {0, 0, 0, 1, 0x40, 1, 7, 0, 0, 0, 1, 0x42, 1, 8, 0, 0, 0, 1, 0x44, 1, 9},
                ParameterSets.of(VideoCodec.HEVC, unit));
    }

    @Test
    void aFrameWithoutThemGivesNothing() {
        assertArrayEquals(new byte[0], ParameterSets.of(VideoCodec.H264, new byte[] {0, 0, 0, 1, 0x41, 1, 2}));
    }

    @Test
    void av1HasNoAnnexBParameterSets() {
        assertThrows(IllegalArgumentException.class, () -> ParameterSets.of(VideoCodec.AV1, new byte[] {0, 0, 1, 0}));
    }
}
