package io.forelight.frms.coordinator.ownership;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.context.DriverContext;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.session.ProgrammaticArguments;
import com.datastax.oss.driver.internal.core.context.DefaultDriverContext;
import com.datastax.oss.driver.internal.core.context.DefaultNettyOptions;
import com.datastax.oss.driver.internal.core.context.NettyOptions;
import com.typesafe.config.Config;
import io.netty.channel.Channel;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.stream.connectors.cassandra.CqlSessionProvider;
import org.apache.pekko.stream.connectors.cassandra.DriverConfigLoaderFromConfig;
import scala.concurrent.ExecutionContext;
import scala.concurrent.Future;
import scala.jdk.javaapi.FutureConverters;

/**
 * Creates the coordinator's Cassandra sessions (the journal's, the read model's) as Pekko's default
 * provider does, with the {@link WriteFence} in every connection's pipeline and the prepared
 * statements that write made known to it. Configured as {@code session-provider} of {@code
 * pekko.persistence.cassandra}. Service discovery of contact points is not supported here.
 */
public final class FencedSessionProvider implements CqlSessionProvider {

  private final ActorSystem system;
  private final Config config;

  public FencedSessionProvider(ActorSystem system, Config config) {
    this.system = system;
    this.config = config;
  }

  @Override
  public Future<CqlSession> connect(ExecutionContext ec) {
    Ownership ownership = Ownership.get(Adapter.toTyped(system));
    WriteFence fence = new WriteFence(ownership::socketRefusal);
    DriverConfigLoader loader =
        new DriverConfigLoaderFromConfig(CqlSessionProvider.driverConfig(system, config));
    CompletionStage<CqlSession> session =
        new FencedBuilder(fence).withConfigLoader(loader).buildAsync();
    return FutureConverters.asScala(session);
  }

  /** A session builder whose connections carry the fence and whose prepares feed it. */
  private static final class FencedBuilder extends CqlSessionBuilder {
    private final WriteFence fence;

    FencedBuilder(WriteFence fence) {
      this.fence = fence;
    }

    @Override
    protected DriverContext buildContext(
        DriverConfigLoader configLoader, ProgrammaticArguments programmaticArguments) {
      return new DefaultDriverContext(configLoader, programmaticArguments) {
        @Override
        protected NettyOptions buildNettyOptions() {
          return new DefaultNettyOptions(this) {
            @Override
            public void afterChannelInitialized(Channel channel) {
              channel.pipeline().addBefore("inflight", "frms-write-fence", fence);
            }
          };
        }
      };
    }

    @Override
    protected CqlSession wrap(CqlSession session) {
      return (CqlSession)
          Proxy.newProxyInstance(
              CqlSession.class.getClassLoader(),
              new Class<?>[] {CqlSession.class},
              (proxy, method, args) -> recordPrepared(method, invoke(session, method, args)));
    }

    private static Object invoke(CqlSession session, Method method, Object[] args)
        throws Throwable {
      try {
        return method.invoke(session, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    /** Tells the fence about every statement prepared through this session. */
    private Object recordPrepared(Method method, Object result) {
      if (result instanceof PreparedStatement prepared) {
        fence.prepared(prepared.getId(), prepared.getQuery());
      } else if (method.getName().equals("prepareAsync") && result instanceof CompletionStage<?>) {
        return ((CompletionStage<?>) result)
            .thenApply(
                done -> {
                  if (done instanceof PreparedStatement prepared) {
                    fence.prepared(prepared.getId(), prepared.getQuery());
                  }
                  return done;
                });
      }
      return result;
    }
  }
}
