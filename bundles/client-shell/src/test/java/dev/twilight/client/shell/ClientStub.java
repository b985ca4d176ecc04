package dev.twilight.client.shell;

import dev.twilight.api.client.ClientException;
import dev.twilight.api.client.GameStreamClient;
import dev.twilight.api.client.HostAddress;
import dev.twilight.api.client.HostApp;
import dev.twilight.api.client.HostInfo;
import dev.twilight.api.client.LaunchRequest;
import dev.twilight.api.client.LaunchResult;
import java.time.Duration;
import java.util.List;

/** A client whose every call fails the test: fakes override only what the verb under test may call. */
interface ClientStub extends GameStreamClient {

    @Override
    default String newPin() {
        throw new UnsupportedOperationException("newPin");
    }

    @Override
    default HostInfo serverInfo(HostAddress host) throws ClientException {
        throw new UnsupportedOperationException("serverInfo");
    }

    @Override
    default void pair(HostAddress host, String pin, Duration timeout) {
        throw new UnsupportedOperationException("pair");
    }

    @Override
    default boolean isPaired(HostAddress host) {
        throw new UnsupportedOperationException("isPaired");
    }

    @Override
    default List<HostApp> appList(HostAddress host) {
        throw new UnsupportedOperationException("appList");
    }

    @Override
    default LaunchResult launch(HostAddress host, LaunchRequest request) {
        throw new UnsupportedOperationException("launch");
    }

    @Override
    default LaunchResult resume(HostAddress host, LaunchRequest request) {
        throw new UnsupportedOperationException("resume");
    }

    @Override
    default void cancel(HostAddress host) {
        throw new UnsupportedOperationException("cancel");
    }

    @Override
    default void unpair(HostAddress host) {
        throw new UnsupportedOperationException("unpair");
    }
}
