package dev.twilight.input.x11;

/** What the X11 sink counts: the events it injected, and those it dropped and why. */
enum InputCounter {
    /** Events that reached the display (a text event counts once, however many characters it typed). */
    INJECTED,
    /** Key events whose virtual-key code has no AWT key. */
    UNKNOWN_KEYS,
    /**
     * Events and characters the display cannot take: characters no US key types, extra mouse buttons the
     * display lacks, button numbers outside 1..5, event kinds this sink does not inject.
     */
    UNSUPPORTED,
    /** Events that found the queue full, or arrived while the sink could not inject. */
    DROPPED,
    /** Events the display refused (an exception from AWT). */
    FAILED
}
