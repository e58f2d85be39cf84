namespace TradingActors.Node.Clustering;

/// <summary>A journal write or an order refused by the <see cref="ClusterFence"/>: nothing was written or sent.</summary>
public sealed class FencedException : Exception
{
    public FencedException()
    {
    }

    public FencedException(string message)
        : base($"Fenced: {message}")
    {
    }

    public FencedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
