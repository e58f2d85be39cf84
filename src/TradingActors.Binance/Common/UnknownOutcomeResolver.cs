namespace TradingActors.Binance.Common;

/// <summary>
/// Settles an unknown outcome by asking the venue about the order by its client id, with exponential
/// backoff on the injected clock. It never sends the order again; if no query settles it, the outcome
/// stays unknown for the reconciler.
/// </summary>
internal sealed class UnknownOutcomeResolver(BinanceOptions options, TimeProvider time)
{
    /// <summary>
    /// Runs <paramref name="query"/> until <paramref name="settle"/> turns an answer into a final
    /// outcome, or the attempts run out (then <paramref name="unresolved"/> builds the unknown outcome).
    /// </summary>
    public async Task<TOutcome> ResolveAsync<TAnswer, TOutcome>(
        Func<CancellationToken, Task<TAnswer>> query,
        Func<TAnswer, TOutcome?> settle,
        Func<string, TOutcome> unresolved,
        string reason,
        CancellationToken ct)
        where TOutcome : class
    {
        var delay = options.UnknownResolutionInitialDelay;
        string last = "not queried";
        for (var attempt = 1; attempt <= options.UnknownResolutionAttempts; attempt++)
        {
            if (ct.IsCancellationRequested)
            {
                break;
            }

            try
            {
                await Task.Delay(delay, time, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var answer = await query(ct).ConfigureAwait(false);
            if (settle(answer) is { } outcome)
            {
                return outcome;
            }

            last = answer?.ToString() ?? "no answer";
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.UnknownResolutionMaxDelay.Ticks));
        }

        return unresolved($"{reason}; not settled by {options.UnknownResolutionAttempts} queries by client id (last: {last})");
    }
}
