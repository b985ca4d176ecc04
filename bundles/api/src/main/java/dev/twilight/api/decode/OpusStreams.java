package dev.twilight.api.decode;

import java.util.Arrays;

/**
 * How a host packs audio channels into Opus streams, as a decoder needs it (RFC 7845 multistream): the channel
 * count, the number of streams and of coupled (two-channel) ones among them, and for each output channel, in the
 * order FL FR FC LFE BL BR SL SR, the coded channel it is decoded from.
 *
 * @param channels       output channels, 1 to 8
 * @param streams        Opus streams in each packet
 * @param coupledStreams of those, the stereo ones (they come first)
 * @param mapping        one coded channel index per output channel
 */
public record OpusStreams(int channels, int streams, int coupledStreams, int[] mapping) {

    /** Plain stereo: one coupled stream, left and right. */
    public static final OpusStreams STEREO = new OpusStreams(2, 1, 1, new int[] {0, 1});

    public OpusStreams {
        mapping = mapping.clone();
        if (channels < 1 || channels > 8 || mapping.length != channels || streams < 1
                || coupledStreams < 0 || coupledStreams > streams || streams + coupledStreams > 255) {
            throw new IllegalArgumentException("invalid Opus layout: " + channels + " channels, " + streams
                    + " streams, " + coupledStreams + " coupled, mapping " + Arrays.toString(mapping));
        }
        int coded = streams + coupledStreams;
        for (int index : mapping) {
            if (index < 0 || index >= coded) {
                throw new IllegalArgumentException("mapping " + Arrays.toString(mapping) + " names a coded channel "
                        + "outside the " + coded + " that " + streams + " streams carry");
            }
        }
    }

    @Override
    public int[] mapping() {
        return mapping.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OpusStreams that && channels == that.channels && streams == that.streams
                && coupledStreams == that.coupledStreams && Arrays.equals(mapping, that.mapping);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * channels + streams) + coupledStreams) + Arrays.hashCode(mapping);
    }

    @Override
    public String toString() {
        return channels + " channels in " + streams + " streams (" + coupledStreams + " coupled), mapping "
                + Arrays.toString(mapping);
    }
}
