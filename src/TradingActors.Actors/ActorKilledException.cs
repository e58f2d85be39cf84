namespace TradingActors.Actors;

public class ActorKilledException : Exception
{
    public ActorKilledException()
    {
    }

    public ActorKilledException(string message)
        : base(message)
    {
    }

    public ActorKilledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
