package dev.twilight.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** The API's answer: HTTP status, extra headers, JSON body. */
record ApiResponse(int status, Map<String, String> headers, JsonNode body) {
}
