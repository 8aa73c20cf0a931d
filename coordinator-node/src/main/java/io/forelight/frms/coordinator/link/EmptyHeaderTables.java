package io.forelight.frms.coordinator.link;

import io.grpc.netty.shaded.io.grpc.netty.GrpcHttp2ConnectionHandler;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiator;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiators;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandler;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Exception;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2SecurityUtil;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Settings;
import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolConfig;
import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolNames;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.JdkSslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.grpc.netty.shaded.io.netty.util.AsciiString;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Keeps a link's HTTP/2 header compression (HPACK) tables empty. Each connection otherwise keeps
 * two tables of up to 4 KB: the reactor's responses carry a new {@code date} header every second,
 * each indexed into the table the coordinator decodes with, and calls carry a new {@code
 * grpc-timeout}, indexed into the one it encodes with; at a thousand links that was the largest
 * single item of a coordinator's heap per reactor (~8 KB), for headers never sent twice. grpc-java
 * has no setting for either, so this negotiator wraps grpc-java's own (TLS or plaintext) and, once
 * the reactor's connection preface has been read, sets the coordinator's encoder table to 0 and
 * announces {@code SETTINGS_HEADER_TABLE_SIZE = 0}, which the reactor's encoder (Pekko HTTP)
 * applies when it acknowledges it. Headers then travel as literals: tens of bytes more per call. It
 * also has the connection keep no state of closed streams ({@link ClosedStreamStates}).
 */
final class EmptyHeaderTables implements InternalProtocolNegotiator.ProtocolNegotiator {

  private final InternalProtocolNegotiator.ProtocolNegotiator negotiator;

  private EmptyHeaderTables(InternalProtocolNegotiator.ProtocolNegotiator negotiator) {
    this.negotiator = negotiator;
  }

  /** How a link's channel connects: over {@code tls} if present, else in plaintext. */
  static InternalProtocolNegotiator.ClientFactory over(Optional<SSLContext> tls) {
    Optional<SslContext> netty = tls.map(EmptyHeaderTables::forHttp2);
    return new InternalProtocolNegotiator.ClientFactory() {
      @Override
      public InternalProtocolNegotiator.ProtocolNegotiator newNegotiator() {
        return new EmptyHeaderTables(
            netty
                .map(InternalProtocolNegotiators::tls)
                .orElseGet(InternalProtocolNegotiators::plaintext));
      }

      @Override
      public int getDefaultPort() {
        return netty.isPresent() ? 443 : 80;
      }
    };
  }

  /** The context as grpc-java's own TLS clients use it: HTTP/2 ciphers, "h2" by ALPN. */
  private static SslContext forHttp2(SSLContext context) {
    return new JdkSslContext(
        context,
        true,
        Http2SecurityUtil.CIPHERS,
        SupportedCipherSuiteFilter.INSTANCE,
        new ApplicationProtocolConfig(
            ApplicationProtocolConfig.Protocol.ALPN,
            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
            ApplicationProtocolNames.HTTP_2),
        ClientAuth.NONE,
        null,
        false);
  }

  @Override
  public AsciiString scheme() {
    return negotiator.scheme();
  }

  @Override
  public ChannelHandler newHandler(GrpcHttp2ConnectionHandler http2) {
    ClosedStreamStates.forget(http2.encoder().flowController()); // no stream exists yet
    SmallInUseSets.ofConnection(http2);
    return new Emptying(http2, negotiator.newHandler(http2));
  }

  @Override
  public void close() {
    negotiator.close();
  }

  /**
   * Sits in front of the negotiation (it adds it behind itself) and watches what is read: once the
   * HTTP/2 handler has read the reactor's preface, ours has been sent, and the tables are emptied;
   * then it leaves the pipeline.
   */
  private static final class Emptying extends ChannelInboundHandlerAdapter {

    private final GrpcHttp2ConnectionHandler http2;
    private final ChannelHandler negotiation;

    Emptying(GrpcHttp2ConnectionHandler http2, ChannelHandler negotiation) {
      this.http2 = http2;
      this.negotiation = negotiation;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      ctx.pipeline().addAfter(ctx.name(), null, negotiation);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
      ctx.fireChannelRead(message);
      if (!http2.decoder().prefaceReceived()) {
        return;
      }
      ChannelHandlerContext http2Context = ctx.pipeline().context(http2);
      if (http2Context != null) {
        empty(http2Context);
      }
      ctx.pipeline().remove(this);
    }

    private void empty(ChannelHandlerContext http2Context) {
      try {
        http2.encoder().configuration().headersConfiguration().maxHeaderTableSize(0);
      } catch (Http2Exception e) {
        http2Context.fireExceptionCaught(e);
        return;
      }
      http2
          .encoder()
          .writeSettings(
              http2Context, new Http2Settings().headerTableSize(0), http2Context.newPromise());
      http2Context.flush();
    }
  }
}
