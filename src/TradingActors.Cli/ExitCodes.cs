namespace TradingActors.Cli;

/// <summary>tradectl's exit codes, for scripts.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The node refused the request (a 4xx other than 401, a 409) or failed it (5xx), or the operator said no.</summary>
    public const int Failed = 1;

    public const int Usage = 2;

    /// <summary>The node could not be reached, or refused the token.</summary>
    public const int Unreachable = 3;
}
