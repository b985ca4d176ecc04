package dev.twilight.enet;

import java.util.BitSet;

/**
 * Duplicate suppression for unsequenced commands: the groups seen within the current window of 1024, and
 * acceptance of groups up to 32 windows ahead, which moves the window (as {@code enet_protocol_handle_send_unsequenced}).
 */
final class UnsequencedWindow {

    private int windowStart;
    private final BitSet seen = new BitSet(Protocol.UNSEQUENCED_WINDOW_SIZE);

    /** @return true if the group is new and its command should be delivered */
    boolean accept(int group) {
        int index = group % Protocol.UNSEQUENCED_WINDOW_SIZE;
        int unwrapped = group < windowStart ? group + 0x10000 : group;
        if (unwrapped >= windowStart + Protocol.FREE_UNSEQUENCED_WINDOWS * Protocol.UNSEQUENCED_WINDOW_SIZE) {
            return false;
        }
        int start = (unwrapped & 0xFFFF) - index;
        if (start != windowStart) {
            windowStart = start;
            seen.clear();
        } else if (seen.get(index)) {
            return false;
        }
        seen.set(index);
        return true;
    }
}
