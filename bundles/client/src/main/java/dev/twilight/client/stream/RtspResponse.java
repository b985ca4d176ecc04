package dev.twilight.client.stream;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A host's RTSP reply: status line, headers (names as sent; hosts write them as Moonlight expects) and body.
 *
 * @param status the status code
 * @param reason the status line's text
 */
record RtspResponse(int status, String reason, Map<String, String> headers, String body) {

    private static final String PROTOCOL = "RTSP/1.0 ";
    private static final String END_OF_HEADERS = "\r\n\r\n";

    /** @throws IllegalArgumentException when it is no RTSP/1.0 reply */
    static RtspResponse parse(byte[] message) {
        String text = new String(message, StandardCharsets.UTF_8);
        int headEnd = text.indexOf(END_OF_HEADERS);
        String head = headEnd < 0 ? text : text.substring(0, headEnd);
        String body = headEnd < 0 ? "" : text.substring(headEnd + END_OF_HEADERS.length());
        String[] lines = head.split("\r\n");
        if (!lines[0].startsWith(PROTOCOL)) {
            throw new IllegalArgumentException("not an RTSP/1.0 reply: '" + printable(lines[0]) + "'");
        }
        String[] statusLine = lines[0].substring(PROTOCOL.length()).split(" ", 2);
        int status;
        try {
            status = Integer.parseInt(statusLine[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("no status code in '" + printable(lines[0]) + "'");
        }
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(lines[i].substring(0, colon), lines[i].substring(colon + 1).strip());
            }
        }
        return new RtspResponse(status, statusLine.length > 1 ? statusLine[1] : "", Map.copyOf(headers), body);
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** @throws IllegalArgumentException naming the header when the host left it out */
    String required(String name) {
        return header(name).orElseThrow(() -> new IllegalArgumentException("the reply lacks its " + name + " header"));
    }

    private static String printable(String text) {
        String shortened = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return shortened.replaceAll("\\p{Cntrl}", "?");
    }
}
