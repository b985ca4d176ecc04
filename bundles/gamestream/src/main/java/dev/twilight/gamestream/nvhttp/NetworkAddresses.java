package dev.twilight.gamestream.nvhttp;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;

/** How the host's own address appears in serverinfo and launch answers. */
final class NetworkAddresses {

    static final String NO_MAC = "00:00:00:00:00:00";

    private NetworkAddresses() {
    }

    /** The address for a URL: IPv6 in brackets, without a zone (clients parse the port after the last colon). */
    static String forUrl(InetAddress address) {
        if (address instanceof Inet6Address) {
            String text = address.getHostAddress();
            int zone = text.indexOf('%');
            return "[" + (zone < 0 ? text : text.substring(0, zone)) + "]";
        }
        return address.getHostAddress();
    }

    /** {@code LocalIP}: the IPv4 address clients reached; for IPv6, 127.0.0.1 as GFE and Sunshine send (clients ignore it). */
    static String localIp(InetAddress address) {
        return address instanceof Inet6Address ? "127.0.0.1" : address.getHostAddress();
    }

    /** The MAC of the interface holding the address, for Wake-on-LAN; all zeros when it has none. */
    static String mac(InetAddress address) {
        try {
            NetworkInterface networkInterface = NetworkInterface.getByInetAddress(address);
            byte[] mac = networkInterface == null ? null : networkInterface.getHardwareAddress();
            if (mac == null || mac.length != 6) {
                return NO_MAC;
            }
            StringBuilder text = new StringBuilder();
            for (byte b : mac) {
                text.append(text.length() == 0 ? "" : ":").append(String.format("%02x", b & 0xff));
            }
            return text.toString();
        } catch (SocketException e) {
            return NO_MAC;
        }
    }
}
