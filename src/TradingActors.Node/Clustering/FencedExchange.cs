using System.Reflection;
using System.Runtime.ExceptionServices;
using TradingActors.Exchange;

namespace TradingActors.Node.Clustering;

/// <summary>
/// An exchange connection behind the <see cref="ClusterFence"/>: while the fence is closed every request that could
/// create, change or cancel an order (the methods named Place*, Cancel*, Amend*, Set*) fails before it is sent, as a
/// request whose outcome the intent then settles by querying; reads pass. Generated with <see cref="DispatchProxy"/>
/// so that it covers every method of the exchange contracts, present and future.
/// </summary>
public class FencedExchange : DispatchProxy
{
    private static readonly string[] MutatingPrefixes = ["Place", "Cancel", "Amend", "Set"];
    private static readonly MethodInfo FromException = typeof(Task).GetMethods()
        .Single(m => m.Name == nameof(Task.FromException) && m.IsGenericMethodDefinition);

    private object _inner = null!;
    private ClusterFence _fence = null!;

    /// <summary>Wraps <paramref name="exchange"/> as the most specific contract it implements.</summary>
    public static IExchange Wrap(IExchange exchange, ClusterFence fence)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(fence);
        return exchange switch
        {
            IFuturesExchange futures => Create<IFuturesExchange>(futures, fence),
            ISpotExchange spot => Create<ISpotExchange>(spot, fence),
            _ => Create<IExchange>(exchange, fence),
        };
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (MutatingPrefixes.Any(p => targetMethod.Name.StartsWith(p, StringComparison.Ordinal)) && _fence.ClosedBecause() is { } reason)
        {
            var failure = new FencedException($"{reason}; {targetMethod.Name} not sent");
            return targetMethod.ReturnType.IsGenericType && targetMethod.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)
                ? FromException.MakeGenericMethod(targetMethod.ReturnType.GetGenericArguments()[0]).Invoke(null, [failure])
                : Task.FromException(failure);
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    private static T Create<T>(T inner, ClusterFence fence)
        where T : class, IExchange
    {
        var proxy = Create<T, FencedExchange>();
        var fenced = (FencedExchange)(object)proxy;
        fenced._inner = inner;
        fenced._fence = fence;
        return proxy;
    }
}
