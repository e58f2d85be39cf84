namespace TradingActors.Actors;

/// <summary>What a supervisor does with a failed child.</summary>
public enum Directive
{
    /// <summary>Keep the instance and its state; the failing message is lost.</summary>
    Resume,

    /// <summary>Replace the instance with a fresh one from Props; the mailbox survives.</summary>
    Restart,

    /// <summary>Stop the child.</summary>
    Stop,

    /// <summary>Fail the supervisor itself with the same cause.</summary>
    Escalate,
}
