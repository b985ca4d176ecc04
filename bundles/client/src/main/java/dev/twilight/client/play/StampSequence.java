package dev.twilight.client.play;

/**
 * The frame numbers stamped into the test pattern, in the order the pictures were decoded: whether they only go
 * up, and how many numbers were skipped. Used on the video thread; read from any.
 */
final class StampSequence {

    private volatile long count;
    private volatile long first = -1;
    private volatile long last = -1;
    private volatile long outOfOrder;
    private volatile long gaps;

    void record(long frameNumber) {
        if (count == 0) {
            first = frameNumber;
            last = frameNumber;
        } else if (frameNumber <= last) {
            outOfOrder++;
        } else {
            gaps += frameNumber - last - 1;
            last = frameNumber;
        }
        count++;
    }

    long count() {
        return count;
    }

    long first() {
        return first;
    }

    long last() {
        return last;
    }

    long outOfOrder() {
        return outOfOrder;
    }

    long gaps() {
        return gaps;
    }
}
