namespace TradingActors.Trading.Positions;

/// <summary>An event the state machine does not allow in the current state.</summary>
public sealed class InvalidStateTransitionException(PositionState state, IPositionEvent evt)
    : Exception($"{evt.GetType().Name} is not a valid transition from {state}.")
{
    public PositionState State { get; } = state;

    public IPositionEvent Event { get; } = evt;
}
