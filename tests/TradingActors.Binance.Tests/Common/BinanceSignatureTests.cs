using System.Text.Json;
using TradingActors.Binance.Common;
using TradingActors.Binance.Spot.WebSocket;

namespace TradingActors.Binance.Tests.Common;

public sealed class BinanceSignatureTests
{
    [Fact]
    public void Spot_reference_vector_signs_to_the_documented_signature()
    {
        const string secret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
        const string payload = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";

        var signature = BinanceSignature.Sign(secret, payload);

        Assert.Equal("c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71", signature);
    }

    [Fact]
    public void Futures_reference_vector_signs_to_the_documented_signature()
    {
        const string secret = "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9";
        const string payload = "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC&recvWindow=5000&timestamp=1591702613943";

        var signature = BinanceSignature.Sign(secret, payload);

        Assert.Equal("3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9", signature);
    }

    [Fact]
    public void WebSocket_API_signature_covers_parameters_sorted_by_name_without_the_signature()
    {
        var parameters = new Dictionary<string, string>
        {
            ["timestamp"] = "1499827319559",
            ["signature"] = "ignored",
            ["apiKey"] = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A",
        };

        var payload = BinanceSignature.WebSocketPayload(parameters);
        var signature = BinanceSignature.SignWebSocketParams("secret", parameters);

        Assert.Equal("apiKey=vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A&timestamp=1499827319559", payload);
        Assert.Equal(BinanceSignature.Sign("secret", payload), signature);
    }

    [Fact]
    public void User_data_subscribe_request_is_signed_over_the_sorted_api_key_and_timestamp()
    {
        var credentials = new BinanceCredentials("my-api-key", "my-api-secret");

        var json = SpotUserDataStream.BuildSubscribeRequest("subscribe-1", credentials, 1_700_000_000_000);

        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal("userDataStream.subscribe.signature", root.GetProperty("method").GetString());
        var p = root.GetProperty("params");
        Assert.Equal("my-api-key", p.GetProperty("apiKey").GetString());
        Assert.Equal(1_700_000_000_000, p.GetProperty("timestamp").GetInt64());
        Assert.Equal(
            BinanceSignature.Sign("my-api-secret", "apiKey=my-api-key&timestamp=1700000000000"),
            p.GetProperty("signature").GetString());
    }
}
