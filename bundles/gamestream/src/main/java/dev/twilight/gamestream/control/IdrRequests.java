package dev.twilight.gamestream.control;

/**
 * Where one session's control stream sends the client's requests for a clean picture: the session's video
 * encoder. Called on the control stream's event loop; must not block.
 */
public interface IdrRequests {

    /** The client needs a key frame: it lost frames it could not recover, or it just connected. */
    void requestIdr();

    /**
     * The client cannot decode from frames {@code firstFrame} to {@code lastFrame} (frame indices): the encoder must
     * stop referencing them, or send a key frame.
     */
    void invalidateReferenceFrames(long firstFrame, long lastFrame);
}
