package dev.twilight.enet;

/**
 * ENet 1.3 wire constants and limits as Moonlight's fork defines them ({@code include/enet/protocol.h},
 * {@code include/enet/enet.h}). All integers on the wire are big-endian; offsets are from the start of a command.
 */
final class Protocol {

    static final int MINIMUM_MTU = 576;
    static final int MAXIMUM_MTU = 4096;
    /** {@code ENET_HOST_DEFAULT_MTU}, which Moonlight's client keeps: the MTU this side proposes and accepts. */
    static final int HOST_MTU = 900;
    static final int MAXIMUM_PACKET_COMMANDS = 32;
    static final int MINIMUM_WINDOW_SIZE = 4096;
    static final int MAXIMUM_WINDOW_SIZE = 65536;
    static final int MINIMUM_CHANNEL_COUNT = 1;
    static final int MAXIMUM_CHANNEL_COUNT = 255;
    /** Peer ID 0xFFF in a header means "not assigned yet" (CONNECT); valid IDs are below it. */
    static final int MAXIMUM_PEER_ID = 0xFFF;
    static final int MAXIMUM_FRAGMENT_COUNT = 1024 * 1024;
    /** Channel ID of connection-level commands (CONNECT, VERIFY_CONNECT, DISCONNECT, PING, ...). */
    static final int CONNECTION_CHANNEL = 0xFF;
    /** Session ID a CONNECT carries when its sender has none yet. */
    static final int SESSION_UNSET = 0xFF;

    static final int ACKNOWLEDGE = 1;
    static final int CONNECT = 2;
    static final int VERIFY_CONNECT = 3;
    static final int DISCONNECT = 4;
    static final int PING = 5;
    static final int SEND_RELIABLE = 6;
    static final int SEND_UNRELIABLE = 7;
    static final int SEND_FRAGMENT = 8;
    static final int SEND_UNSEQUENCED = 9;
    static final int BANDWIDTH_LIMIT = 10;
    static final int THROTTLE_CONFIGURE = 11;
    static final int SEND_UNRELIABLE_FRAGMENT = 12;
    static final int COMMAND_COUNT = 13;
    static final int COMMAND_MASK = 0x0F;
    static final int FLAG_ACKNOWLEDGE = 1 << 7;
    static final int FLAG_UNSEQUENCED = 1 << 6;

    static final int HEADER_FLAG_COMPRESSED = 1 << 14;
    static final int HEADER_FLAG_SENT_TIME = 1 << 15;
    static final int HEADER_SESSION_SHIFT = 12;
    static final int HEADER_SESSION_MASK = 3;
    /** Peer ID word plus sent time; ENet reserves this much in every datagram, whether the time is sent or not. */
    static final int HEADER_SIZE = 4;
    static final int HEADER_SIZE_WITHOUT_SENT_TIME = 2;

    /** Size of each command number's fixed part, command header included (payload follows it). */
    private static final int[] COMMAND_SIZES = {0, 8, 48, 44, 8, 4, 6, 8, 24, 8, 12, 16, 24};

    // Command header, common to all commands.
    static final int COMMAND_HEADER_SIZE = 4;
    static final int COMMAND_CHANNEL = 1;
    static final int COMMAND_RELIABLE_SEQUENCE = 2;
    // ACKNOWLEDGE
    static final int ACKNOWLEDGE_RELIABLE_SEQUENCE = 4;
    static final int ACKNOWLEDGE_SENT_TIME = 6;
    // CONNECT and VERIFY_CONNECT (VERIFY_CONNECT ends before DATA); fields this side never reads are left out
    static final int CONNECT_PEER_ID = 4;
    static final int CONNECT_INCOMING_SESSION = 6;
    static final int CONNECT_OUTGOING_SESSION = 7;
    static final int CONNECT_MTU = 8;
    static final int CONNECT_WINDOW_SIZE = 12;
    static final int CONNECT_CHANNEL_COUNT = 16;
    static final int CONNECT_INCOMING_BANDWIDTH = 20;
    static final int CONNECT_THROTTLE_INTERVAL = 28;
    static final int CONNECT_THROTTLE_ACCELERATION = 32;
    static final int CONNECT_THROTTLE_DECELERATION = 36;
    static final int CONNECT_ID = 40;
    static final int CONNECT_DATA = 44;
    // DISCONNECT
    static final int DISCONNECT_DATA = 4;
    // SEND_RELIABLE
    static final int RELIABLE_LENGTH = 4;
    // SEND_UNRELIABLE
    static final int UNRELIABLE_SEQUENCE = 4;
    static final int UNRELIABLE_LENGTH = 6;
    // SEND_UNSEQUENCED
    static final int UNSEQUENCED_GROUP = 4;
    static final int UNSEQUENCED_LENGTH = 6;
    // SEND_FRAGMENT and SEND_UNRELIABLE_FRAGMENT
    static final int FRAGMENT_START_SEQUENCE = 4;
    static final int FRAGMENT_LENGTH = 6;
    static final int FRAGMENT_COUNT = 8;
    static final int FRAGMENT_NUMBER = 12;
    static final int FRAGMENT_TOTAL_LENGTH = 16;
    static final int FRAGMENT_OFFSET = 20;
    // BANDWIDTH_LIMIT (the outgoing bandwidth follows; THROTTLE_CONFIGURE's three fields are not read)
    static final int BANDWIDTH_INCOMING = 4;

    // Peer defaults and windows (enet.h).
    static final int DEFAULT_ROUND_TRIP_TIME = 500;
    static final int PACKET_THROTTLE_INTERVAL = 5000;
    static final int PACKET_THROTTLE_ACCELERATION = 2;
    static final int PACKET_THROTTLE_DECELERATION = 2;
    static final int WINDOW_SIZE_SCALE = 64 * 1024;
    static final int RELIABLE_WINDOWS = 16;
    static final int RELIABLE_WINDOW_SIZE = 0x1000;
    static final int FREE_RELIABLE_WINDOWS = 8;
    static final int UNSEQUENCED_WINDOW_SIZE = 1024;
    static final int FREE_UNSEQUENCED_WINDOWS = 32;
    static final int MAXIMUM_PACKET_SIZE = 32 * 1024 * 1024;
    /** Most bytes one peer may have waiting for delivery (out of order, or fragments still missing). */
    static final int MAXIMUM_WAITING_DATA = 32 * 1024 * 1024;

    private Protocol() {
    }

    /** @param number a command number, 1 to {@code COMMAND_COUNT - 1} */
    static int commandSize(int number) {
        return COMMAND_SIZES[number];
    }

    /** The window of 4096 reliable sequence numbers a sequence number falls in. */
    static int reliableWindow(int sequence) {
        return sequence / RELIABLE_WINDOW_SIZE;
    }
}
