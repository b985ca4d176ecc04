package dev.twilight.admin;

import dev.twilight.api.session.Refusal;
import java.util.LinkedHashMap;
import java.util.Map;

/** A request the API refuses: the HTTP status, a stable reason code, what is wrong and what to do. */
final class ApiError extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String reason;
    private final String remedy;
    private final Map<String, String> headers = new LinkedHashMap<>();

    ApiError(int status, String reason, String message, String remedy) {
        super(message);
        this.status = status;
        this.reason = reason;
        this.remedy = remedy;
    }

    static ApiError of(Refusal refusal) {
        return new ApiError(refusal.status(), refusal.reasonCode(), refusal.message(), refusal.remedy());
    }

    ApiError withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    int status() {
        return status;
    }

    String reason() {
        return reason;
    }

    String remedy() {
        return remedy;
    }

    Map<String, String> headers() {
        return headers;
    }
}
