package dev.twilight.enet;

/** How a message travels. Messages too big for one datagram are always sent as reliable fragments, as libenet does. */
public enum Delivery {
    /** Retransmitted until acknowledged; delivered once, in order with the channel's other reliable messages. */
    RELIABLE,
    /**
     * Sent once; may be lost. Never delivered before the reliable message sent ahead of it on its channel, and
     * dropped if a newer unreliable message of the channel was delivered first.
     */
    UNRELIABLE,
    /** Sent once; may be lost, and is delivered as soon as it arrives, whatever the order (duplicates are dropped). */
    UNSEQUENCED
}
