using System.Net.WebSockets;

namespace TradingActors.Simulator.Tests.Http;

public sealed class LifecycleTests
{
    [Fact]
    public async Task Disposing_the_server_ends_open_streams_and_hanging_requests()
    {
        var sim = await SimHarness.StartAsync(timeout: TimeSpan.FromMinutes(1));
        using var socket = await sim.ConnectReadyAsync("/ws/btcusdt@bookTicker");
        await sim.AddFaultAsync(new { kind = "dropResponseAfterExecute", endpoint = "/api/v3/time", mode = "hang" });
        var hanging = sim.Http.GetAsync("/api/v3/time");

        var disposal = sim.DisposeAsync().AsTask();
        var finished = await Task.WhenAny(disposal, Task.Delay(TimeSpan.FromSeconds(15)));

        Assert.Same(disposal, finished);
        await Assert.ThrowsAnyAsync<Exception>(() => hanging);
        var end = await Record.ExceptionAsync(() => SimHarness.ReceiveAsync(socket));
        Assert.True(end is not null || socket.State != WebSocketState.Open);
    }

    [Fact]
    public async Task Real_time_mode_moves_the_price_without_commands()
    {
        await using var sim = await SimHarness.StartAsync(new SimulatorOptions { Engine = new Simulator.Engine.EngineOptions { PriceStep = TimeSpan.FromMilliseconds(50) } });
        using var socket = await sim.ConnectReadyAsync("/ws/btcusdt@bookTicker");

        var quote = await SimHarness.ReceiveUntilAsync(socket, m => m["s"]?.GetValue<string>() == "BTCUSDT");

        Assert.NotNull(quote["b"]);
    }

    [Fact]
    public async Task Time_cannot_be_advanced_in_real_time_mode()
    {
        await using var sim = await SimHarness.StartAsync(new SimulatorOptions());

        using var response = await sim.Http.PostAsync("/sim/time/advance", new StringContent("{\"ms\":1000}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(400, (await SimHarness.ErrorOf(response)).Status);
    }
}
