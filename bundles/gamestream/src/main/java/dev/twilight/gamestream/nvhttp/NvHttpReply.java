package dev.twilight.gamestream.nvhttp;

/**
 * What goes back on the wire, always with HTTP status 200.
 *
 * @param body        the bytes
 * @param contentType {@code image/png} for box art; null for XML, which Sunshine sends without one
 */
record NvHttpReply(byte[] body, String contentType) {

    static NvHttpReply png(byte[] png) {
        return new NvHttpReply(png, "image/png");
    }
}
