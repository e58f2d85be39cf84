namespace TradingActors.Actors;

/// <summary>Generic replies; a <see cref="Failure"/> reply to an Ask faults the task with its cause.</summary>
public static class Status
{
    public sealed record Success(object? Status);

    public sealed record Failure(Exception Cause);
}
