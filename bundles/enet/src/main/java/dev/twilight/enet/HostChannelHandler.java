package dev.twilight.enet;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands received datagrams to the host protocol, and runs its send pass once per batch of reads. */
final class HostChannelHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    private static final Logger LOG = LoggerFactory.getLogger(HostChannelHandler.class);

    private final HostProtocol protocol;

    HostChannelHandler(HostProtocol protocol) {
        this.protocol = protocol;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        protocol.receive(packet.content(), packet.sender());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        protocol.service();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        protocol.shutdown();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a failed send or an ICMP error on the socket: ENet recovers by retransmitting or timing out
        LOG.debug("ENet socket {}: {}", ctx.channel().localAddress(), cause.toString());
    }
}
