using Xunit.Sdk;

namespace TradingActors.TestKit;

/// <summary>A failed expectation of the test kit; shown by xunit as an assertion failure.</summary>
public sealed class TestKitException : XunitException
{
    public TestKitException(string message)
        : base(message)
    {
    }

    public TestKitException()
        : base("A test kit expectation failed.")
    {
    }

    public TestKitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
