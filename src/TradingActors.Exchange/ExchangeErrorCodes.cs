namespace TradingActors.Exchange;

/// <summary>Venue error codes the domain needs to recognise in a <c>Rejected</c> outcome.</summary>
public static class ExchangeErrorCodes
{
    /// <summary>Query or cancel of an order the venue does not know.</summary>
    public const int OrderDoesNotExist = -2013;

    public const int UnknownOrderSent = -2011;

    /// <summary>The request was never sent: the client is inside a rate-limit ban.</summary>
    public const int NotSentRateLimited = -1003;
}
