package dev.twilight.admin;

import java.io.IOException;
import java.io.InputStream;

/**
 * What the API needs of an HTTP request.
 *
 * @param method        HTTP method
 * @param path          the path below {@code /api}, e.g. {@code /clients/abc/name}; null or empty for none
 * @param remoteAddress where the request comes from (failed logins are counted per address)
 * @param authorization the {@code Authorization} header, null when absent
 * @param contentType   the {@code Content-Type} header, null when absent
 * @param body          opens the request body; called only after authentication
 */
record ApiRequest(String method, String path, String remoteAddress, String authorization, String contentType,
                  Body body) {

    interface Body {
        InputStream open() throws IOException;
    }
}
