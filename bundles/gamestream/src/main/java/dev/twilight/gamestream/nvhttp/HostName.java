package dev.twilight.gamestream.nvhttp;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The machine's host name, which names the host to clients unless configured otherwise. */
public final class HostName {

    private HostName() {
    }

    /** The OS host name, or {@code Twilight} when the system has none. */
    public static String ofThisMachine() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.isBlank() ? "Twilight" : name;
        } catch (UnknownHostException e) {
            return "Twilight";
        }
    }
}
