package dev.twilight.client.shell;

import dev.twilight.api.client.HostAddress;

/** A host as users type it: {@code name}, {@code name:port}, {@code 192.168.1.5:47989} or {@code [::1]:47989}. */
final class HostArgument {

    static final int DEFAULT_HTTP_PORT = 47989;

    private HostArgument() {
    }

    /** @throws UsageException naming what is wrong with the argument */
    static HostAddress parse(String argument) throws UsageException {
        String host = argument.strip();
        String port = null;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) {
                throw new UsageException("'" + argument + "' opens an IPv6 address with [ but never closes it");
            }
            String rest = host.substring(close + 1);
            host = host.substring(1, close);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new UsageException("'" + argument + "': expected :PORT after the ]");
                }
                port = rest.substring(1);
            }
        } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
            port = host.substring(host.indexOf(':') + 1);
            host = host.substring(0, host.indexOf(':'));
        }
        if (host.isEmpty()) {
            throw new UsageException("name a host, e.g. 192.168.1.5 or mypc:47989");
        }
        return new HostAddress(host, port == null ? DEFAULT_HTTP_PORT : port(argument, port), 0);
    }

    private static int port(String argument, String port) throws UsageException {
        try {
            int value = Integer.parseInt(port);
            if (value > 0 && value <= 65535) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("'" + argument + "': the port must be a number from 1 to 65535 (the host's HTTP "
                + "port, " + DEFAULT_HTTP_PORT + " unless it was changed)");
    }

    /** How the host is shown back to the user. */
    static String display(HostAddress host) {
        String name = host.host().indexOf(':') >= 0 ? "[" + host.host() + "]" : host.host();
        return host.httpPort() == DEFAULT_HTTP_PORT ? name : name + ":" + host.httpPort();
    }
}
