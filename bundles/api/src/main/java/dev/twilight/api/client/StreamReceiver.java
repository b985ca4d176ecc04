package dev.twilight.api.client;

import dev.twilight.api.decode.OpusStreams;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Takes what a {@link StreamConnection} receives. Video frames come on the connection's video thread, audio on its
 * audio thread, each in order; implementations must return quickly (decode, or hand the data on).
 */
@ConsumerType
public interface StreamReceiver {

    /**
     * A complete video frame. After a loss, frames up to the next key frame are not delivered (the decoder could not
     * use them), so the first frame and every one after a gap is a key frame.
     */
    void videoFrame(ReceivedFrame frame);

    /**
     * How the host packs the negotiated audio channels into Opus streams; called once, before the first audio
     * packet. Receivers that decode no audio ignore it.
     */
    default void audioLayout(OpusStreams layout) {
    }

    /** An Opus packet, in sequence; packets that could not be recovered are counted in the statistics only. */
    void audioPacket(ReceivedAudio packet);

    /** The stream ended; called once, from any thread; nothing is delivered afterwards. */
    void ended(StreamEnd end);
}
