package dev.twilight.gamestream.crypto;

import dev.twilight.api.decode.OpusStreams;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Opus multistream layout as the RTSP DESCRIBE reply advertises it ({@code surround-params}, fact sheet §3.3):
 * channel count, stream count, coupled-stream count and one mapping digit per channel.
 *
 * <p>Clients decode with the advertised streams and mapping, output channels in the order FL FR FC LFE BL BR SL SR,
 * except that for a normal-quality 6 or 8 channel layout they first move the last mapping digit to the fourth place
 * (GameStream's order put LFE last): {@link #decoderMapping()} is the mapping they end up with.
 *
 * @param surroundParams the advertised digits, e.g. {@code 642012453}
 * @param highQuality    whether this is the layout of high-quality surround, the second one for its channel count
 */
public record OpusLayout(String surroundParams, boolean highQuality) {

    private static final Pattern ADVERTISEMENT = Pattern.compile("surround-params=([0-9]+)");
    private static final int SAMPLE_RATE = 48_000;

    /**
     * What DESCRIBE advertises, in order: for each channel count the normal-quality layout, then the high-quality
     * one (Sunshine's lines; clients take stereo as 1 stream, 1 coupled, mapping 0 1 without reading them).
     */
    public static final List<OpusLayout> ADVERTISED = List.of(new OpusLayout("21101", false),
            new OpusLayout("21101", true), new OpusLayout("642012453", false), new OpusLayout("660012345", true),
            new OpusLayout("85301245367", false), new OpusLayout("88001234567", true));

    public OpusLayout {
        if (!surroundParams.matches("[0-9]+") || surroundParams.length() != 3 + (surroundParams.charAt(0) - '0')) {
            throw new IllegalArgumentException("surround params '" + surroundParams + "' must be channels, streams, "
                    + "coupled streams and one mapping digit per channel");
        }
    }

    /** The advertised layout for a negotiated channel count and quality. */
    public static OpusLayout of(int channels, boolean highQuality) {
        return ADVERTISED.stream()
                .filter(layout -> layout.channels() == channels && layout.highQuality() == highQuality)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Opus layout for " + channels + " channels"));
    }

    public int channels() {
        return digit(0);
    }

    public int streams() {
        return digit(1);
    }

    public int coupledStreams() {
        return digit(2);
    }

    /** For each output channel (FL FR FC LFE BL BR SL SR), the coded channel the client decodes it from. */
    public int[] decoderMapping() {
        int channels = channels();
        int[] mapping = new int[channels];
        for (int channel = 0; channel < channels; channel++) {
            mapping[channel] = digit(3 + channel);
        }
        if (!highQuality && (channels == 6 || channels == 8)) {
            int last = mapping[channels - 1];
            System.arraycopy(mapping, 3, mapping, 4, channels - 4);
            mapping[3] = last;
        }
        return mapping;
    }

    /**
     * The normal-quality layout a host's DESCRIBE body advertises for a channel count: the first
     * {@code surround-params} line of that count, as clients read it.
     */
    public static Optional<OpusLayout> advertisedIn(String describeBody, int channels) {
        Matcher advertised = ADVERTISEMENT.matcher(describeBody);
        while (advertised.find()) {
            String params = advertised.group(1);
            if (params.charAt(0) - '0' == channels) {
                try {
                    return Optional.of(new OpusLayout(params, false));
                } catch (IllegalArgumentException malformed) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** What a decoder needs: the streams and the mapping the client decodes with. */
    public OpusStreams decoderStreams() {
        return new OpusStreams(channels(), streams(), coupledStreams(), decoderMapping());
    }

    /**
     * The RFC 7845 identification header that configures a decoder for these streams, mapping family 255 (no
     * channel semantics: output channel i is coded channel {@code mapping[i]}, in GameStream's order).
     */
    public static byte[] opusHead(OpusStreams layout) {
        int[] mapping = layout.mapping();
        ByteBuffer head = ByteBuffer.allocate(21 + mapping.length).order(ByteOrder.LITTLE_ENDIAN)
                .put("OpusHead".getBytes(StandardCharsets.US_ASCII))
                .put((byte) 1)
                .put((byte) layout.channels())
                .putShort((short) 0)
                .putInt(SAMPLE_RATE)
                .putShort((short) 0)
                .put((byte) 255)
                .put((byte) layout.streams())
                .put((byte) layout.coupledStreams());
        for (int coded : mapping) {
            head.put((byte) coded);
        }
        return head.array();
    }

    private int digit(int index) {
        return surroundParams.charAt(index) - '0';
    }
}
