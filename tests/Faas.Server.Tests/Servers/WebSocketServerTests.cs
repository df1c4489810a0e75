using System.Net;
using System.Net.WebSockets;
using System.Text;
using Faas.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Faas.Server.Tests.Servers;

/// <summary>X-Forwarded-For and a WebSocket upgrade through <c>/invoke/{app}</c>, over real Kestrel (the in-memory test server has no upgrades).</summary>
public sealed class WebSocketServerTests
{
    [Fact]
    public async Task RealConnection_ForwardedForAndWebSocket_PassThrough()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = new FaasAppFactory();
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        await client.DeployServerAsync("srv-ws", Samples.Zip("node-server"));
        // Over a real connection the client's address is known: X-Forwarded-For carries it.
        Assert.Equal("127.0.0.1", (await client.GetJsonAsync("/invoke/srv-ws")).GetProperty("forwardedFor").GetString());

        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + "/invoke/srv-ws/socket"), ct).Bounded();
        await socket.SendAsync(Encoding.UTF8.GetBytes("hello through yarp"), WebSocketMessageType.Text, endOfMessage: true, ct).Bounded();
        var buffer = new byte[256];
        var received = await socket.ReceiveAsync(buffer, ct).Bounded();
        Assert.Equal(WebSocketMessageType.Text, received.MessageType);
        Assert.Equal("HELLO THROUGH YARP", Encoding.UTF8.GetString(buffer, 0, received.Count));
        socket.Abort();
    }
}
