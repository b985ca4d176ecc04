package dev.twilight.client.stream;

import dev.twilight.api.media.VideoCodec;

/**
 * What a host's DESCRIBE reply offers. The body only looks like SDP: clients search it for attribute names and
 * codec markers.
 *
 * @param encryptionSupported {@code x-ss-general.encryptionSupported} bits (0 when absent)
 * @param encryptionRequested {@code x-ss-general.encryptionRequested} bits (0 when absent)
 * @param hevc                the HEVC marker is present
 * @param av1                 the AV1 marker is present
 */
record HostCapabilities(int encryptionSupported, int encryptionRequested, boolean hevc, boolean av1) {

    private static final String SUPPORTED = "a=x-ss-general.encryptionSupported:";
    private static final String REQUESTED = "a=x-ss-general.encryptionRequested:";
    /** The start of a base64 HEVC VPS. */
    private static final String HEVC_MARKER = "sprop-parameter-sets=AAAAAU";
    private static final String AV1_MARKER = "a=rtpmap:98 AV1/90000";

    static HostCapabilities parse(String describeBody) {
        return new HostCapabilities(flags(describeBody, SUPPORTED), flags(describeBody, REQUESTED),
                describeBody.contains(HEVC_MARKER), describeBody.contains(AV1_MARKER));
    }

    boolean offers(VideoCodec codec) {
        return switch (codec) {
            case H264 -> true;
            case HEVC -> hevc;
            case AV1 -> av1;
        };
    }

    /** The decimal number after the attribute, up to the end of its line; 0 when absent or unreadable. */
    private static int flags(String body, String attribute) {
        int start = body.indexOf(attribute);
        if (start < 0) {
            return 0;
        }
        start += attribute.length();
        int end = start;
        while (end < body.length() && Character.isDigit(body.charAt(end))) {
            end++;
        }
        try {
            return (int) Long.parseLong(body.substring(start, end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
