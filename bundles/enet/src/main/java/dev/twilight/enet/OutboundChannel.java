package dev.twilight.enet;

/**
 * The sending side of one channel: its sequence numbers, and how many reliable commands of each of the 16
 * windows of 4096 sequence numbers are unacknowledged, so that sending never wraps into a window the receiver
 * may still be using (the check at the top of {@code enet_protocol_check_outgoing_commands}).
 */
final class OutboundChannel {

    /** Windows that must be free, from the one a new window's first command falls in, before it may start. */
    private static final int WINDOWS_AHEAD_MASK = (1 << (Protocol.FREE_RELIABLE_WINDOWS + 2)) - 1;

    private int reliableSequence;
    private int unreliableSequence;
    private final int[] unacknowledgedPerWindow = new int[Protocol.RELIABLE_WINDOWS];
    private int usedWindows;

    int nextReliableSequence() {
        reliableSequence = (reliableSequence + 1) & 0xFFFF;
        unreliableSequence = 0;
        return reliableSequence;
    }

    /** The reliable command an unreliable one follows: the last reliable sequence number assigned. */
    int reliableSequence() {
        return reliableSequence;
    }

    /** Unreliable sequence numbers since the last reliable command have run out: ENet then sends reliably. */
    boolean unreliableSequencesExhausted() {
        return unreliableSequence >= 0xFFFF;
    }

    int nextUnreliableSequence() {
        return ++unreliableSequence;
    }

    /** True if a never-sent reliable command with this sequence number would start a window still in use. */
    boolean mustWaitForWindow(int sequence) {
        if (sequence % Protocol.RELIABLE_WINDOW_SIZE != 0) {
            return false;
        }
        int window = Protocol.reliableWindow(sequence);
        int previous = (window + Protocol.RELIABLE_WINDOWS - 1) % Protocol.RELIABLE_WINDOWS;
        int windowsAhead = ((WINDOWS_AHEAD_MASK << window) | (WINDOWS_AHEAD_MASK >>> (Protocol.RELIABLE_WINDOWS - window)))
                & 0xFFFF;
        return unacknowledgedPerWindow[previous] >= Protocol.RELIABLE_WINDOW_SIZE || (usedWindows & windowsAhead) != 0;
    }

    void sentFirstTime(int sequence) {
        int window = Protocol.reliableWindow(sequence);
        usedWindows |= 1 << window;
        unacknowledgedPerWindow[window]++;
    }

    void acknowledged(int sequence) {
        int window = Protocol.reliableWindow(sequence);
        if (unacknowledgedPerWindow[window] > 0 && --unacknowledgedPerWindow[window] == 0) {
            usedWindows &= ~(1 << window);
        }
    }
}
