namespace TradingActors.Node;

/// <summary>A setting that is missing, malformed or refused; <see cref="Key"/> names it as written in HOCON.</summary>
public sealed class NodeConfigurationException : Exception
{
    public NodeConfigurationException()
        : this("trading-actors", "invalid configuration")
    {
    }

    public NodeConfigurationException(string message)
        : this("trading-actors", message)
    {
    }

    public NodeConfigurationException(string message, Exception innerException)
        : this("trading-actors", message, innerException)
    {
    }

    public NodeConfigurationException(string key, string problem, Exception? innerException = null)
        : base($"{key}: {problem}", innerException)
    {
        Key = key;
    }

    public string Key { get; }
}
