package dev.twilight.gamestream.rtsp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One RTSP request as Moonlight writes it: {@code METHOD target RTSP/1.0}, {@code Name: value} headers, a blank
 * line, and a body of {@code Content-length} bytes (or everything after the blank line when there is none).
 *
 * @param headers by name, case-insensitively; the first of repeated names counts
 */
record RtspRequest(String method, String target, Map<String, String> headers, byte[] body) {

    static final String PROTOCOL = "RTSP/1.0";
    static final String CONTENT_LENGTH = "Content-length";
    private static final byte[] END_OF_HEADERS = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int QUOTE_LIMIT = 80;

    /** @return the header's value, or null */
    String header(String name) {
        return headers.get(name);
    }

    /** The {@code CSeq} to echo; {@code 0} when the request carried none, or no number. */
    String cseq() {
        String cseq = headers.get("CSeq");
        return cseq != null && cseq.matches("[0-9]{1,10}") ? cseq : "0";
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * @param message a whole request, as the message decoder or decryption handed it on
     * @throws RtspException 400 saying what is malformed
     */
    static RtspRequest parse(byte[] message) {
        int headEnd = endOfHeaders(message);
        if (headEnd < 0) {
            throw new RtspException(400, "the request has no blank line after its headers");
        }
        String[] lines = new String(message, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ", -1);
        if (requestLine.length != 3 || requestLine[0].isEmpty() || requestLine[1].isEmpty()
                || !requestLine[2].equals(PROTOCOL)) {
            throw new RtspException(400, "the request line must be 'METHOD target " + PROTOCOL + "', got '"
                    + printable(lines[0]) + "'");
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            String[] header = splitHeader(lines[i]);
            if (header == null) {
                throw new RtspException(400, "header line '" + printable(lines[i]) + "' has no 'Name: value' form");
            }
            headers.putIfAbsent(header[0], header[1]);
        }
        int bodyStart = headEnd + END_OF_HEADERS.length;
        int bodyEnd = message.length;
        String declared = headers.get(CONTENT_LENGTH);
        if (declared != null) {
            int length = contentLength(declared);
            if (length < 0) {
                throw new RtspException(400, CONTENT_LENGTH + " must be a byte count, got '" + printable(declared)
                        + "'");
            }
            if (length > message.length - bodyStart) {
                throw new RtspException(400, "the body is shorter than its " + CONTENT_LENGTH + " of " + length);
            }
            bodyEnd = bodyStart + length;
        }
        return new RtspRequest(requestLine[0], requestLine[1], Collections.unmodifiableMap(headers),
                Arrays.copyOfRange(message, bodyStart, bodyEnd));
    }

    /** Where the blank line after the headers starts, or -1. */
    private static int endOfHeaders(byte[] bytes) {
        for (int i = 0; i + END_OF_HEADERS.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + END_OF_HEADERS.length, END_OF_HEADERS, 0, END_OF_HEADERS.length)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * How many body bytes follow the headers: the {@code Content-length} value, 0 when there is none or it is no
     * number (the request is then answered with 400 once parsed).
     *
     * @param head the request line and headers
     */
    static int bodyLength(String head) {
        for (String line : head.split("\r\n")) {
            String[] header = splitHeader(line);
            if (header != null && header[0].equalsIgnoreCase(CONTENT_LENGTH)) {
                return Math.max(0, contentLength(header[1]));
            }
        }
        return 0;
    }

    /** {name, value} split at the first colon, blanks around both dropped; null for a line without a name. */
    private static String[] splitHeader(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        return new String[] {line.substring(0, colon).strip(), line.substring(colon + 1).strip()};
    }

    /** @return the length, or -1 when it is not a non-negative int */
    private static int contentLength(String value) {
        try {
            return Math.max(-1, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Client text for an error message: cut short, control characters replaced. */
    static String printable(String text) {
        String cut = text.length() > QUOTE_LIMIT ? text.substring(0, QUOTE_LIMIT) + "..." : text;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
