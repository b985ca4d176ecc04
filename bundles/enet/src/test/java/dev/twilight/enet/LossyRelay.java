package dev.twilight.enet;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A UDP relay on loopback between one client and a server: datagrams from the server go to the last client seen,
 * all others to the server. On the way, some are dropped and some delayed (which reorders them), at random.
 */
final class LossyRelay implements AutoCloseable {

    private final Channel channel;
    private final Impairment impairment;

    /**
     * @param dropRate share of datagrams lost
     * @param delayRate share of the others held back 1 to 20 ms
     */
    LossyRelay(EventLoopGroup group, InetSocketAddress server, double dropRate, double delayRate, long seed) {
        this.impairment = new Impairment(dropRate, delayRate, new Random(seed));
        this.channel = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new ChannelInitializer<NioDatagramChannel>() {
                    @Override
                    protected void initChannel(NioDatagramChannel relay) {
                        relay.pipeline().addLast(impairment, new Forwarder(server));
                    }
                })
                .bind(Hosts.anyLoopbackPort()).syncUninterruptibly().channel();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** From now on, nothing gets through either way. */
    void blackhole() {
        impairment.dropAll = true;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    /** Drops, delays or passes on each datagram; releases the delayed ones still held when the channel closes. */
    private static final class Impairment extends ChannelInboundHandlerAdapter {
        private final double dropRate;
        private final double delayRate;
        private final Random random;
        private final Set<Object> delayed = Collections.newSetFromMap(new IdentityHashMap<>());
        volatile boolean dropAll;

        Impairment(double dropRate, double delayRate, Random random) {
            this.dropRate = dropRate;
            this.delayRate = delayRate;
            this.random = random;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object datagram) {
            if (dropAll || random.nextDouble() < dropRate) {
                ReferenceCountUtil.release(datagram);
            } else if (random.nextDouble() < delayRate) {
                delayed.add(datagram);
                ctx.executor().schedule(() -> {
                    if (delayed.remove(datagram)) {
                        ctx.fireChannelRead(datagram);
                    }
                }, 1 + random.nextInt(20), TimeUnit.MILLISECONDS);
            } else {
                ctx.fireChannelRead(datagram);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            delayed.forEach(ReferenceCountUtil::release);
            delayed.clear();
            ctx.fireChannelInactive();
        }

        @Override
        public boolean isSharable() {
            return true;
        }
    }

    /** Passes datagrams between the client and the server. */
    private static final class Forwarder extends SimpleChannelInboundHandler<DatagramPacket> {
        private final InetSocketAddress server;
        private InetSocketAddress client;

        Forwarder(InetSocketAddress server) {
            this.server = server;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket datagram) {
            InetSocketAddress recipient;
            if (datagram.sender().equals(server)) {
                recipient = client;
            } else {
                client = datagram.sender();
                recipient = server;
            }
            if (recipient != null) {
                ctx.writeAndFlush(new DatagramPacket(datagram.content().retain(), recipient));
            }
        }
    }
}
