using TradingActors.Actors;
using TradingActors.TestKit;

namespace TradingActors.Actors.Tests;

public sealed class AskTests() : ActorTestKit(new ManualTimeProvider())
{
    private ManualTimeProvider Clock => (ManualTimeProvider)Sys.TimeProvider;

    [Fact]
    public async Task Ask_returns_the_reply()
    {
        var actor = Sys.ActorOf(Props.Create(() => new ReplyingActor()));

        var reply = await actor.Ask<string>("hello", TimeSpan.FromSeconds(1));

        Assert.Equal("hello back", reply);
    }

    [Fact]
    public async Task Ask_without_a_reply_fails_with_AskTimeoutException_when_the_timeout_passes()
    {
        // Arrange
        var actor = Sys.ActorOf(Props.Create(() => new ReplyingActor()));
        var task = actor.Ask<string>("ignore me", TimeSpan.FromSeconds(1));

        // Act
        Clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(task.IsCompleted);
        Clock.Advance(TimeSpan.FromMilliseconds(1));

        // Assert
        await Assert.ThrowsAsync<AskTimeoutException>(() => task);
    }

    [Fact]
    public async Task A_Status_Failure_reply_faults_the_task_with_its_cause()
    {
        var actor = Sys.ActorOf(Props.Create(() => new ReplyingActor()));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => actor.Ask<string>("fail", TimeSpan.FromSeconds(1)));

        Assert.Equal("bad request", error.Message);
    }

    [Fact]
    public async Task A_reply_of_the_wrong_type_faults_the_task_with_InvalidCastException()
    {
        var actor = Sys.ActorOf(Props.Create(() => new ReplyingActor()));

        await Assert.ThrowsAsync<InvalidCastException>(() => actor.Ask<int>("hello", TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task A_cancelled_token_cancels_the_ask()
    {
        var actor = Sys.ActorOf(Props.Create(() => new ReplyingActor()));
        using var cts = new CancellationTokenSource();

        var task = actor.Ask<string>("ignore me", TimeSpan.FromSeconds(1), cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
    }

    private sealed class ReplyingActor : ReceiveActor
    {
        public ReplyingActor()
        {
            Receive<string>(_ => Sender.Tell(new Status.Failure(new ArgumentException("bad request"))), s => s == "fail");
            Receive<string>(_ => { }, s => s == "ignore me");
            Receive<string>(s => Sender.Tell(s + " back"));
        }
    }
}
