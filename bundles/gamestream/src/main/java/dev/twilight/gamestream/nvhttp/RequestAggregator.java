package dev.twilight.gamestream.nvhttp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.TooLongHttpContentException;

/**
 * Netty's aggregator, except that an oversized request becomes an error for the request handler to answer in
 * XML: GameStream clients expect HTTP 200 whatever happens, where Netty would answer 413.
 */
final class RequestAggregator extends HttpObjectAggregator {

    RequestAggregator(int maxContentLength) {
        super(maxContentLength);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        ctx.fireExceptionCaught(new TooLongHttpContentException("request body over " + maxContentLength() + " bytes"));
    }
}
