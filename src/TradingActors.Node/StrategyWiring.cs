using Microsoft.Extensions.Logging;
using Akka.Actor;
using TradingActors.Exchange;
using TradingActors.Node.Config;
using TradingActors.Trading;
using TradingActors.Node.Clustering;
using TradingActors.Trading.Risk;
using TradingActors.Trading.Sharding;
using TradingActors.Trading.Strategy;
using TradingActors.Trading.Strategy.Rules;
using TradingActors.Trading.Time;
using static TradingActors.Trading.Strategy.StrategyProtocol;
using AkkaConfig = Akka.Configuration.Config;

namespace TradingActors.Node;

/// <summary>
/// The risk manager (a cluster singleton, reached through its proxy) and the strategies (sharded entities), and the
/// questions the host asks them.
/// </summary>
public sealed class StrategyWiring
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    private readonly RiskSettings _riskSettings;
    private readonly IReadOnlyList<StrategyDefinition> _definitions;
    private IReadOnlyList<StrategyDefinition> _tradable = [];
    private TimeProvider _clock = TimeProvider.System;
    private ActorSystem? _system;
    private bool _stopped;

    private StrategyWiring(RiskSettings riskSettings, IReadOnlyList<StrategyDefinition> definitions)
    {
        _riskSettings = riskSettings;
        _definitions = definitions;
    }

    /// <summary>The proxy of the risk manager singleton.</summary>
    public IActorRef? Risk { get; private set; }

    /// <summary>The limits the risk manager enforces, as configured.</summary>
    public RiskSettings RiskSettings => _riskSettings;

    /// <summary>The strategies' shard region.</summary>
    public IActorRef? Strategies { get; private set; }

    public IReadOnlyList<StrategyDefinition> Definitions => _definitions;

    public IEnumerable<Symbol> Symbols => _definitions.Select(d => d.Symbol);

    /// <summary>Reads the risk limits and the strategy rules; a rule that does not parse is a configuration error.</summary>
    public static StrategyWiring Read(AkkaConfig configuration)
    {
        var risk = NodeConfiguration.ReadModule("trading-actors.risk", () => RiskSettings.Read(configuration));
        try
        {
            return new StrategyWiring(risk, StrategyDefinitions.Read(configuration));
        }
        catch (RuleSyntaxException e)
        {
            throw new NodeConfigurationException(e.Key, $"column {e.Column}: {e.Problem}", e);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException)
        {
            throw new NodeConfigurationException("trading-actors.strategies", e.Message, e);
        }
    }

    public async Task StartAsync(ActorSystem system, IReadOnlyDictionary<Market, MarketActors> markets, IActorRef positionList, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(markets);
        _clock = TradingClock.Get(system).TimeProvider;
        _system = system;
        Risk = Singletons.Start(system, MarketActors.Supervised(RiskManager.Props(_riskSettings, markets, positionList), "risk"), "risk");
        _tradable = _definitions.Where(d => markets.ContainsKey(d.Market)).ToList();
        foreach (var skipped in _definitions.Except(_tradable))
        {
            logger.LogWarning("Strategy {Name} trades {Market}, which this node does not run: skipped", skipped.Name, skipped.Market);
        }

        Strategies = await StrategyShards.StartAsync(system, _tradable, markets, Risk);
        logger.LogInformation("{Count} strategies configured: {Names}", _tradable.Count, string.Join(", ", _tradable.Select(d => d.Name)));
    }

    /// <summary>
    /// No new entries from the strategies running on this node; open positions stay as they are, protected on the
    /// exchange. In a cluster the strategies of a node that leaves start again on another node.
    /// </summary>
    public async Task StopAsync(TimeSpan timeout, ILogger logger)
    {
        if (Strategies is null || _stopped || _system!.WhenTerminated.IsCompleted)
        {
            return;
        }

        _stopped = true;
        try
        {
            var local = await TradingShards.LocalEntityIdsAsync(Strategies, RealTime(timeout));
            await Task.WhenAll(local.Select(name => Strategies.Ask<StrategyStopped>(new StopStrategy(name), RealTime(timeout))));
            logger.LogInformation("{Count} strategies stopped on this node", local.Count);
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
        {
            logger.LogWarning("Strategies did not confirm their stop within {Timeout}", timeout);
        }
    }

    /// <summary>The most recent signals of every strategy, wherever it runs, newest first.</summary>
    public async Task<IReadOnlyList<SignalRecorded>> SignalsAsync()
    {
        if (Strategies is not { } region)
        {
            return [];
        }

        var answers = await Task.WhenAll(_tradable.Select(d => region.Ask<Signals>(new GetSignals(d.Name), RealTime(AskTimeout))));
        return answers.SelectMany(a => a.Recent).OrderByDescending(s => s.At).Take(100).ToList();
    }

    public Task<RiskProtocol.KillSwitchEngaged> EngageKillSwitchAsync() =>
        RequireRisk().Ask<RiskProtocol.KillSwitchEngaged>(new RiskProtocol.EngageKillSwitch(), RealTime(TimeSpan.FromSeconds(30)));

    /// <summary>The risk manager's pre-trade check: <see cref="RiskProtocol.EntryApproved"/> or <see cref="RiskProtocol.EntryDenied"/>.</summary>
    public Task<object> CheckEntryAsync(Market market, Symbol symbol, decimal quantity, decimal price) =>
        RequireRisk().Ask<object>(new RiskProtocol.CheckEntry(market, symbol, quantity, price), RealTime(TimeSpan.FromSeconds(15)));

    /// <summary>Ends the reservation of an approved entry whose position was refused.</summary>
    public void ReleaseEntry(Guid reservation) => RequireRisk().Tell(new RiskProtocol.ReleaseEntry(reservation));

    public Task<RiskProtocol.RiskStatus> RiskStatusAsync() =>
        RequireRisk().Ask<RiskProtocol.RiskStatus>(new RiskProtocol.GetRiskStatus(), RealTime(AskTimeout));

    private TimeSpan RealTime(TimeSpan span) => ScaledTimeProvider.OfRealTime(_clock, span);

    private IActorRef RequireRisk() => Risk ?? throw new InvalidOperationException("The risk manager has not started.");
}
