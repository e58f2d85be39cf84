using Microsoft.Extensions.Logging;
using Akka.Actor;
using TradingActors.Exchange;
using TradingActors.Node.Config;
using TradingActors.Trading;
using TradingActors.Trading.Risk;
using TradingActors.Trading.Strategy;
using TradingActors.Trading.Strategy.Rules;
using TradingActors.Trading.Time;
using static TradingActors.Trading.Strategy.StrategyProtocol;
using AkkaConfig = Akka.Configuration.Config;

namespace TradingActors.Node;

/// <summary>The risk manager and the strategies of the node, and the questions the host asks them.</summary>
public sealed class StrategyWiring
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    private readonly RiskSettings _riskSettings;
    private readonly IReadOnlyList<StrategyDefinition> _definitions;
    private TimeProvider _clock = TimeProvider.System;
    private bool _stopped;

    private StrategyWiring(RiskSettings riskSettings, IReadOnlyList<StrategyDefinition> definitions)
    {
        _riskSettings = riskSettings;
        _definitions = definitions;
    }

    public IActorRef? Risk { get; private set; }

    /// <summary>The limits the risk manager enforces, as configured.</summary>
    public RiskSettings RiskSettings => _riskSettings;

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

    public void Start(ActorSystem system, IReadOnlyDictionary<Market, MarketActors> markets, IActorRef positionList, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(markets);
        _clock = TradingClock.Get(system).TimeProvider;
        Risk = system.ActorOf(RiskManager.Props(_riskSettings, markets, positionList), "risk");
        var tradable = _definitions.Where(d => markets.ContainsKey(d.Market)).ToList();
        foreach (var skipped in _definitions.Except(tradable))
        {
            logger.LogWarning("Strategy {Name} trades {Market}, which this node does not run: skipped", skipped.Name, skipped.Market);
        }

        Strategies = system.ActorOf(StrategyActors.Props(tradable, markets, Risk), "strategies");
        system.EventStream.Subscribe(Strategies, typeof(StopStrategies));
        logger.LogInformation("{Count} strategies configured: {Names}", tradable.Count, string.Join(", ", tradable.Select(d => d.Name)));
    }

    /// <summary>No new entries from here on; open positions stay as they are, protected on the exchange.</summary>
    public async Task StopAsync(TimeSpan timeout, ILogger logger)
    {
        if (Strategies is null || _stopped)
        {
            return;
        }

        _stopped = true;
        try
        {
            var stopped = await Strategies.Ask<StrategiesStopped>(new StopStrategies(), RealTime(timeout));
            logger.LogInformation("{Count} strategies stopped", stopped.Count);
        }
        catch (AskTimeoutException)
        {
            logger.LogWarning("Strategies did not confirm their stop within {Timeout}", timeout);
        }
    }

    public async Task<IReadOnlyList<SignalRecorded>> SignalsAsync() =>
        Strategies is null ? [] : (await Strategies.Ask<Signals>(new GetSignals(), RealTime(AskTimeout))).Recent;

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
