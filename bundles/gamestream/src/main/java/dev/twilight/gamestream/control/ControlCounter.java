package dev.twilight.gamestream.control;

/** What a session's control stream counts: the messages it acted on, and those it ignored and why. */
enum ControlCounter {
    PINGS,
    START_MESSAGES,
    FEC_STATUS_REPORTS,
    /** Input events handed to at least one sink. */
    INPUT_EVENTS,
    /** Well-formed input of a kind this host does not decode (pen, touch, haptics, ...). */
    IGNORED_INPUT,
    MALFORMED_INPUT,
    /** Decoded input no sink takes. */
    DROPPED_INPUT,
    UNKNOWN_MESSAGES,
    /** Messages not in the encrypted framing, or whose plaintext is malformed. */
    UNREADABLE_MESSAGES
}
