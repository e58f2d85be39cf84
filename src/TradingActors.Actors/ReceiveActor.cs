using System.Runtime.CompilerServices;

namespace TradingActors.Actors;

/// <summary>
/// An actor whose behaviour is a list of typed handlers, tried in the order they were declared; the first whose
/// type (and optional predicate) matches handles the message.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private List<Handler> _handlers = [];

    // The current handlers as an array, the cheapest thing to walk per message; rebuilt after any change.
    private Handler[]? _dispatch;
    private List<Handler>? _configuring;
    private Stack<List<Handler>>? _behaviourStack;

    protected sealed override bool Receive(object message)
    {
        var type = message.GetType();
        foreach (var handler in _dispatch ??= [.. _handlers])
        {
            // A handler of a sealed type that is not the message's is passed over without a call.
            if (ReferenceEquals(handler.ExactType, type) ? handler.TryHandleExact(message) : !handler.OnlyExactType && handler.TryHandle(message))
            {
                return true;
            }
        }

        return false;
    }

    protected void Receive<T>(Action<T> handler, Predicate<T>? when = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(new SyncHandler<T>(handler, when));
    }

    /// <summary>The mailbox is held until the returned task completes; see <see cref="IActorContext.RunTask"/>.</summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? when = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(new AsyncHandler<T>(this, handler, when));
    }

    protected void ReceiveAny(Action<object> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(new SyncHandler<object>(handler, null));
    }

    /// <summary>Replaces the current handlers (and any stacked behaviours) with those declared by <paramref name="configure"/>.</summary>
    protected void Become(Action configure)
    {
        var handlers = Build(configure);
        _behaviourStack?.Clear();
        _handlers = handlers;
        _dispatch = null;
    }

    protected void BecomeStacked(Action configure)
    {
        var handlers = Build(configure);
        (_behaviourStack ??= new Stack<List<Handler>>()).Push(_handlers);
        _handlers = handlers;
        _dispatch = null;
    }

    protected void UnbecomeStacked()
    {
        if (_behaviourStack is { Count: > 0 })
        {
            _handlers = _behaviourStack.Pop();
            _dispatch = null;
        }
    }

    private void Add(Handler handler)
    {
        if (_configuring is not null)
        {
            _configuring.Add(handler);
        }
        else
        {
            _handlers.Add(handler);
            _dispatch = null;
        }
    }

    private List<Handler> Build(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var previous = _configuring;
        var handlers = new List<Handler>();
        _configuring = handlers;
        try
        {
            configure();
        }
        finally
        {
            _configuring = previous;
        }

        return handlers;
    }

    private abstract class Handler(Type? exactType, bool onlyExactType)
    {
        /// <summary>The message type this handler takes without a type test; null when it has none (a value type).</summary>
        public Type? ExactType { get; } = exactType;

        /// <summary>Whether no other type can match (a sealed class), so a message of another type needs no call.</summary>
        public bool OnlyExactType { get; } = onlyExactType;

        /// <summary>Handles a message known to be of <see cref="ExactType"/>, if the predicate agrees.</summary>
        public abstract bool TryHandleExact(object message);

        /// <summary>Handles a message of any other type if it matches.</summary>
        public abstract bool TryHandle(object message);

        // Handlers are shared generic code for reference types, where "message is T" is a call into the cast
        // helpers; comparing the exact type first is one compare for the common case (the message's type is the
        // handler's type). Only a sealed class can match nothing but its exact type.
        protected static Type? ExactTypeOf<T>() => typeof(T).IsValueType ? null : typeof(T);

        protected static bool IsOnlyExactType<T>() => typeof(T) is { IsValueType: false, IsSealed: true, IsArray: false };
    }

    private sealed class SyncHandler<T>(Action<T> handler, Predicate<T>? when) : Handler(ExactTypeOf<T>(), IsOnlyExactType<T>())
    {
        public override bool TryHandleExact(object message) => Handle(Unsafe.As<object, T>(ref message));

        public override bool TryHandle(object message) => message is T typed && Handle(typed);

        private bool Handle(T typed)
        {
            if (when is null || when(typed))
            {
                handler(typed);
                return true;
            }

            return false;
        }
    }

    private sealed class AsyncHandler<T>(ReceiveActor actor, Func<T, Task> handler, Predicate<T>? when) : Handler(ExactTypeOf<T>(), IsOnlyExactType<T>())
    {
        public override bool TryHandleExact(object message) => TryHandle(message);

        public override bool TryHandle(object message)
        {
            if (message is T typed && (when is null || when(typed)))
            {
                actor.Cell.RunTask(() => handler(typed));
                return true;
            }

            return false;
        }
    }
}
