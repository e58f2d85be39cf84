using TradingActors.Actors;
using TradingActors.TestKit;

namespace TradingActors.Actors.Tests;

public sealed class ReceiveAsyncTests : ActorTestKit
{
    [Fact]
    public void ReceiveAsync_holds_the_mailbox_until_the_task_completes()
    {
        // Arrange
        var probe = CreateTestProbe();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = Sys.ActorOf(Props.Create(() => new AsyncActor(gate.Task, probe.Ref)));

        // Act
        actor.Tell("slow");
        actor.Tell("fast");
        probe.ExpectMsg<string>(s => s == "slow started");
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        gate.SetResult();

        // Assert
        Assert.Equal("slow done", probe.ExpectMsg<string>());
        Assert.Equal("fast", probe.ExpectMsg<string>());
    }

    [Fact]
    public void After_an_await_the_handler_still_sees_the_original_sender()
    {
        // Arrange
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new AsyncActor(Task.CompletedTask, probe.Ref)));

        // Act
        probe.Send(actor, "reply after yield");

        // Assert
        Assert.Equal("replied", probe.ExpectMsg<string>());
        Assert.Equal(actor, probe.LastSender);
    }

    [Fact]
    public void A_faulted_task_is_a_failure_of_the_actor()
    {
        // Arrange
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new AsyncActor(Task.CompletedTask, probe.Ref)));

        // Act
        actor.Tell("throw after yield");

        // Assert
        Assert.Equal("restarted", probe.ExpectMsg<string>());
    }

    private sealed class AsyncActor : ReceiveActor
    {
        private readonly IActorRef _probe;

        public AsyncActor(Task gate, IActorRef probe)
        {
            _probe = probe;
            ReceiveAsync<string>(async _ =>
            {
                probe.Tell("slow started");
                await gate;
                probe.Tell("slow done");
            }, s => s == "slow");
            ReceiveAsync<string>(async _ =>
            {
                await Task.Yield();
                Sender.Tell("replied", Self);
            }, s => s == "reply after yield");
            ReceiveAsync<string>(async _ =>
            {
                await Task.Yield();
                throw new InvalidOperationException("async boom");
            }, s => s == "throw after yield");
            Receive<string>(s => probe.Tell(s));
        }

        protected override void PostRestart(Exception reason) => _probe.Tell("restarted");
    }
}
