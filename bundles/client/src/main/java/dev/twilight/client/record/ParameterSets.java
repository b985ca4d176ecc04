package dev.twilight.client.record;

import dev.twilight.api.media.VideoCodec;
import java.io.ByteArrayOutputStream;

/**
 * The parameter sets (H.264 SPS and PPS; HEVC VPS, SPS and PPS) of an Annex B access unit, which hosts repeat in
 * every key frame, as the Annex B bytes a Matroska muxer turns into the track's codec private data.
 */
final class ParameterSets {

    private ParameterSets() {
    }

    /** @return the parameter-set NAL units with their start codes, in order; empty when there are none */
    static byte[] of(VideoCodec codec, byte[] accessUnit) {
        ByteArrayOutputStream sets = new ByteArrayOutputStream();
        int start = nextStart(accessUnit, 0);
        while (start >= 0) {
            int payload = start + 3;
            int next = nextStart(accessUnit, payload);
            // a four-byte start code's leading zero belongs to the next unit's start, not to this payload
            int end = next < 0 ? accessUnit.length : (next > 0 && accessUnit[next - 1] == 0 ? next - 1 : next);
            if (payload < end && isParameterSet(codec, accessUnit[payload])) {
                sets.write(new byte[] {0, 0, 0, 1}, 0, 4);
                sets.write(accessUnit, payload, end - payload);
            }
            start = next;
        }
        return sets.toByteArray();
    }

    private static boolean isParameterSet(VideoCodec codec, byte header) {
        return switch (codec) {
            case H264 -> {
                int type = header & 0x1F;
                yield type == 7 || type == 8;
            }
            case HEVC -> {
                int type = (header >> 1) & 0x3F;
                yield type >= 32 && type <= 34;
            }
            default -> throw new IllegalArgumentException("no Annex B parameter sets in " + codec.displayName());
        };
    }

    /** The index of the next 00 00 01 at or after {@code from}, or -1. */
    private static int nextStart(byte[] data, int from) {
        for (int i = from; i + 2 < data.length; i++) {
            if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
                return i;
            }
        }
        return -1;
    }
}
