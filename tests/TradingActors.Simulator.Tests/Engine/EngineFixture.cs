using TradingActors.Simulator.Engine;

namespace TradingActors.Simulator.Tests.Engine;

/// <summary>An engine on a virtual clock that records every event it raises.</summary>
internal sealed class EngineFixture
{
    public EngineFixture(EngineOptions? options = null)
    {
        Clock = new VirtualTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Engine = new ExchangeEngine(options ?? new EngineOptions(), Clock, Events.Add);
    }

    public VirtualTimeProvider Clock { get; }

    public ExchangeEngine Engine { get; }

    public List<EngineEvent> Events { get; } = [];

    public decimal Free(string asset) => Engine.SpotBalances().Single(b => b.Asset == asset).Free;

    public decimal Locked(string asset) => Engine.SpotBalances().Single(b => b.Asset == asset).Locked;

    public PositionSnapshot Position(string symbol) => Engine.Positions().Single(p => p.Symbol == symbol);

    public static ExchangeErrorException Rejects(Action action)
    {
        var error = Assert.Throws<ExchangeErrorException>(action);
        return error;
    }
}
