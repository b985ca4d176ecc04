package dev.twilight.client.sink;

import dev.twilight.media.ffmpeg.DecodedPicture;

/**
 * Takes the decoded pictures of a playback to show them. Client-private: its one implementation, the window, lives
 * in this bundle and needs FFmpeg's own pictures (referenced, converted only when drawn), which the api's
 * decoder-neutral types do not carry.
 */
public interface PictureSink {

    /**
     * A decoded picture, in decoding order, on the connection's video thread. Must return at once: a sink that
     * draws slower than pictures come keeps the latest and drops the others. The sink owns the picture and
     * closes it.
     */
    void show(DecodedPicture picture);

    /** Pictures drawn so far. */
    long picturesShown();

    /** Pictures closed without being drawn: replaced by a newer one first, or left when the sink closed. */
    long picturesDropped();

    /** The stream ended: lets go of every picture and of the display; nothing is shown afterwards. */
    void close();
}
