using Faas.Server.Security;
using Microsoft.Extensions.Configuration;

namespace Faas.Server.Tests.Security;

/// <summary>Keys are off by default only when every bound address is a loopback one.</summary>
public sealed class BindAddressesTests
{
    private static IConfiguration Config(string? host, string? urls) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Faas:Host"] = host, ["urls"] = urls })
        .Build();

    [Theory]
    [InlineData(null, null, true)]
    [InlineData("localhost", null, true)]
    [InlineData("127.0.0.1", null, true)]
    [InlineData("::1", null, true)]
    [InlineData("[::1]", null, true)]
    [InlineData("0.0.0.0", null, false)]
    [InlineData("::", null, false)]
    [InlineData("192.168.1.10", null, false)]
    [InlineData("myhost.example", null, false)]
    [InlineData("localhost", "http://127.0.0.1:5000", true)]
    [InlineData("localhost", "http://[::1]:5000;http://localhost:5001", true)]
    [InlineData("localhost", "http://127.0.0.1:5000;http://0.0.0.0:5001", false)]
    [InlineData("localhost", "http://*:80", false)]
    [InlineData("localhost", "http://+:80", false)]
    [InlineData("localhost", "http://[::]:80", false)]
    [InlineData("127.0.0.1", "https://example.com:443", false)]
    public void LoopbackOnly_BoundAddresses_AnswersWhetherOnlyLoopback(string? host, string? urls, bool expected) =>
        Assert.Equal(expected, BindAddresses.LoopbackOnly(Config(host, urls)));
}
