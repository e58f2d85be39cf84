namespace TradingActors.Exchange;

/// <summary>What became of a conditional (algo) order request; see <see cref="OrderOutcome"/>.</summary>
public abstract record AlgoOrderOutcome
{
    private AlgoOrderOutcome()
    {
    }

    public sealed record Accepted(AlgoOrderSnapshot Order) : AlgoOrderOutcome;

    public sealed record Rejected(int Code, string Message) : AlgoOrderOutcome;

    public sealed record Unknown(string Reason) : AlgoOrderOutcome;
}
