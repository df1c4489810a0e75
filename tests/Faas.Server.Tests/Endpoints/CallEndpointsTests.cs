using System.Net;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Endpoints;

public sealed class CallEndpointsTests
{
    [Fact]
    public async Task Call_NodeSumWithArray_ReturnsResult()
    {
        await using var factory = new FaasAppFactory();
        var client = await factory.CreateReadyClientAsync();
        await client.DeploySampleAsync("node-sum");

        var response = await client.CallAsync(factory.CallPath("node-sum", "sum"), "[1, 2]");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
