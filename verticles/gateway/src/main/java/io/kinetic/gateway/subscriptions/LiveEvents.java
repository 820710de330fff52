package io.kinetic.gateway.subscriptions;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.reactivestreams.Publisher;

/**
 * Turns messages published on event-bus addresses (a context's events, published by its relay on
 * every node of the cluster) into the {@link Publisher} a GraphQL {@code Subscription} field's
 * fetcher returns: each message is <b>selected</b> (kept or dropped, and turned into a signal),
 * signals that arrive close together are <b>coalesced</b> into one, and each coalesced signal is
 * <b>fetched</b> into the value sent to the client, typically with one bus request made for the
 * subscriber ({@code Gql.caller(env)}), so the client gets the current state as it may see it, not
 * the raw event:
 *
 * <pre>{@code
 * Publisher<CartView> updates = context.live()
 *     .on(List.of(CartApi.Events.CART_CHANGED), event -> cartId.equals(((CartChanged) event).cartId()) ? event : null)
 *     .coalesce((older, newer) -> newer)                       // at most one fetch per graphql.subscriptions.coalesceMillis
 *     .fetch(event -> bus.request(CartApi.GET_CART, new GetCart(cartId), Gql.caller(env)))
 *     .until(cart -> cart.status() == CartStatus.CHECKED_OUT)  // optional: complete after sending this one
 *     .publisher();
 * }</pre>
 *
 * <p>Rules of the stream: {@code select} returns null to drop a message; at most one fetch runs at
 * a time per subscription and fetches start at least the coalescing window apart (the first one
 * at once), so a burst of events becomes one fetch now and one at the end of the window; a fetch
 * answering null sends nothing; a failed fetch ends the subscription with an {@code error}
 * message carrying its code; while the client does not keep up, signals keep being merged rather
 * than queued. Nothing is sent when the subscription starts: a client that needs the current state
 * subscribes first and then queries it.
 *
 * <p>One instance per gateway verticle instance ({@code EdgeContext.live()}), used on that
 * instance's event loop: it holds one event-bus consumer per address while at least one of its
 * subscriptions listens there, unregisters it when the last one ends, and all of them when the
 * verticle stops ({@link #close}). Several gateway instances of a node each hold their own.
 */
public final class LiveEvents {

  private static final Logger LOG = Logger.getLogger(LiveEvents.class.getName());

  private final Vertx vertx;
  private final Context context;
  private final Duration window;
  private final LiveStats stats;
  private final Map<String, Listeners> byAddress = new HashMap<>();
  private final Set<Updates<?, ?>.Flow> open = new LinkedHashSet<>();
  private boolean closed;

  /**
   * Created in the verticle's {@code start}, on its context: every consumer and timer belongs to it.
   * {@code window}: the default coalescing window ({@code graphql.subscriptions.coalesceMillis}).
   */
  public LiveEvents(Vertx vertx, Duration window) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.window = window;
    this.stats = LiveStats.of(vertx);
  }

  /**
   * The messages published on {@code addresses}, each turned by {@code select} into a signal of
   * this subscription, or dropped when it answers null (a message for another product, cart, ...).
   */
  public <S> Signals<S> on(Collection<String> addresses, Function<Object, S> select) {
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException("a live stream needs at least one address");
    }
    return new Signals<>(List.copyOf(new LinkedHashSet<>(addresses)), Objects.requireNonNull(select));
  }

  /** Selected signals; {@link #fetch} says what each (coalesced) signal sends. */
  public final class Signals<S> {

    private final List<String> addresses;
    private final Function<Object, S> select;
    private Duration every = window;
    private BinaryOperator<S> merge = (older, newer) -> newer;

    private Signals(List<String> addresses, Function<Object, S> select) {
      this.addresses = addresses;
      this.select = select;
    }

    /** How signals that arrive within the default window are combined (by default the newer one wins). */
    public Signals<S> coalesce(BinaryOperator<S> merge) {
      this.merge = Objects.requireNonNull(merge);
      return this;
    }

    /** Like {@link #coalesce(BinaryOperator)}, with a window of its own (zero: no pause between fetches). */
    public Signals<S> coalesce(Duration window, BinaryOperator<S> merge) {
      if (window.isNegative()) {
        throw new IllegalArgumentException("negative window");
      }
      this.every = window;
      return coalesce(merge);
    }

    /** The value each coalesced signal sends (null: none this time); a failure ends the subscription. */
    public <T> Updates<S, T> fetch(Function<S, Future<T>> fetch) {
      return new Updates<>(this, Objects.requireNonNull(fetch));
    }
  }

  /** What a subscription sends, and when it is over. */
  public final class Updates<S, T> {

    private final Signals<S> signals;
    private final Function<S, Future<T>> fetch;
    private Predicate<T> last = value -> false;

    private Updates(Signals<S> signals, Function<S, Future<T>> fetch) {
      this.signals = signals;
      this.fetch = fetch;
    }

    /** Completes the subscription right after sending a value {@code last} accepts (a deleted product, a closed cart). */
    public Updates<S, T> until(Predicate<T> last) {
      this.last = Objects.requireNonNull(last);
      return this;
    }

    /** The publisher for one subscription (graphql-java subscribes to it once). */
    public Publisher<T> publisher() {
      boolean[] subscribed = {false};
      return subscriber -> {
        Objects.requireNonNull(subscriber);
        onContext(() -> {
          if (subscribed[0]) {
            subscriber.onSubscribe(new org.reactivestreams.Subscription() {
              @Override
              public void request(long n) {
              }

              @Override
              public void cancel() {
              }
            });
            subscriber.onError(new IllegalStateException("a live stream has one subscriber"));
            return;
          }
          subscribed[0] = true;
          new Flow(subscriber).start();
        });
      };
    }

    /** One subscription's state; touched on the instance's event loop only. */
    final class Flow implements org.reactivestreams.Subscription {

      private final org.reactivestreams.Subscriber<? super T> subscriber;
      private Runnable unlisten = () -> { };
      private long demand;
      private S pending;
      private boolean fetching;
      private boolean done;
      private long timer = -1;
      private long lastFetch = Long.MIN_VALUE;

      Flow(org.reactivestreams.Subscriber<? super T> subscriber) {
        this.subscriber = subscriber;
      }

      void start() {
        if (closed) {
          subscriber.onSubscribe(this);
          finish(null);
          return;
        }
        open.add(this);
        unlisten = listen(signals.addresses, this::onMessage);
        stats.streamStarted();
        subscriber.onSubscribe(this);
      }

      @Override
      public void request(long n) {
        onContext(() -> {
          if (done) {
            return;
          }
          if (n <= 0) {
            fail(new IllegalArgumentException("request(" + n + "): demand must be positive (reactive streams 3.9)"));
            return;
          }
          demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
          schedule();
        });
      }

      @Override
      public void cancel() {
        onContext(() -> end());
      }

      private void onMessage(Object body) {
        if (done) {
          return;
        }
        S signal;
        try {
          signal = signals.select.apply(body);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "a live stream's select failed on " + body, e);
          return;
        }
        if (signal != null) {
          pending = pending == null ? signal : signals.merge.apply(pending, signal);
          schedule();
        }
      }

      private void schedule() {
        if (done || fetching || timer != -1 || pending == null || demand == 0) {
          return;
        }
        long now = System.nanoTime();
        long waitMillis = lastFetch == Long.MIN_VALUE ? 0
          : Duration.ofNanos(lastFetch + signals.every.toNanos() - now).toMillis();
        if (waitMillis <= 0) {
          fetchNow(now);
        } else {
          timer = vertx.setTimer(waitMillis, id -> {
            timer = -1;
            schedule();
          });
        }
      }

      private void fetchNow(long now) {
        S signal = pending;
        pending = null;
        fetching = true;
        lastFetch = now;
        Future<T> value;
        try {
          value = Objects.requireNonNull(fetch.apply(signal), "a live stream's fetch answered no future");
        } catch (RuntimeException e) {
          value = Future.failedFuture(e);
        }
        value.onComplete(ar -> onContext(() -> {
          fetching = false;
          if (done) {
            return;
          }
          if (ar.failed()) {
            fail(ar.cause());
            return;
          }
          T result = ar.result();
          if (result != null) {
            if (demand != Long.MAX_VALUE) {
              demand--;
            }
            subscriber.onNext(result);
            if (!done && last.test(result)) {
              finish(null);
              return;
            }
          }
          schedule();
        }));
      }

      private void fail(Throwable failure) {
        finish(failure);
      }

      /** Ends with onComplete (null) or onError. */
      private void finish(Throwable failure) {
        if (end()) {
          if (failure == null) {
            subscriber.onComplete();
          } else {
            subscriber.onError(failure);
          }
        }
      }

      /** Stops listening; false when it had already ended. */
      private boolean end() {
        if (done) {
          return false;
        }
        done = true;
        pending = null;
        if (timer != -1) {
          vertx.cancelTimer(timer);
          timer = -1;
        }
        unlisten.run();
        if (open.remove(this)) {
          stats.streamEnded();
        }
        return true;
      }
    }
  }

  /** Registers {@code listener} on every address; the returned action removes it (and a consumer nobody needs). */
  private Runnable listen(List<String> addresses, Consumer<Object> listener) {
    for (String address : addresses) {
      byAddress.computeIfAbsent(address, this::consumer).add(listener);
    }
    return () -> {
      for (String address : addresses) {
        Listeners current = byAddress.get(address);
        if (current != null && current.remove(listener) && current.isEmpty()) {
          byAddress.remove(address);
          current.unregister();
        }
      }
    };
  }

  private Listeners consumer(String address) {
    var listeners = new Listeners(address);
    listeners.consumer = vertx.eventBus().consumer(address, message -> listeners.dispatch(message.body()));
    stats.consumerOpened(address);
    return listeners;
  }

  /** The subscriptions listening on one address, and the one consumer that feeds them. */
  private final class Listeners {

    private final String address;
    private final Set<Consumer<Object>> set = new LinkedHashSet<>();
    private MessageConsumer<Object> consumer;

    Listeners(String address) {
      this.address = address;
    }

    void add(Consumer<Object> listener) {
      set.add(listener);
    }

    boolean remove(Consumer<Object> listener) {
      return set.remove(listener);
    }

    boolean isEmpty() {
      return set.isEmpty();
    }

    void dispatch(Object body) {
      // a listener may end its subscription (and leave the set) while this runs
      for (Consumer<Object> listener : new ArrayList<>(set)) {
        listener.accept(body);
      }
    }

    void unregister() {
      consumer.unregister();
      stats.consumerClosed(address);
    }
  }

  /** The subscriptions open on this instance. */
  public int open() {
    return open.size();
  }

  /** Ends every subscription (complete) and unregisters every consumer: the verticle stops. */
  public Future<Void> close() {
    Promise<Void> done = Promise.promise();
    onContext(() -> {
      closed = true;
      new ArrayList<>(open).forEach(flow -> flow.finish(null));
      new ArrayList<>(byAddress.values()).forEach(Listeners::unregister);
      byAddress.clear();
      done.complete();
    });
    return done.future();
  }

  private void onContext(Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }
}
