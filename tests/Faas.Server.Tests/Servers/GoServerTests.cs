using System.Net;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Servers;

/// <summary>Go servers (a go.mod): built with the machine's Go once per content hash, no module download.</summary>
public sealed class GoServerTests(FaasServerFixture fixture) : IClassFixture<FaasServerFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task GoServer_GoMod_BuiltAndAnswersWithoutHint()
    {
        await Client.DeployServerAsync("srv-go", Samples.Zip("go-server"), kind: null);
        var answer = await Client.GetJsonAsync("/invoke/srv-go/hello?name=gopher");
        Assert.Equal("Hello from a Go server", answer.GetProperty("message").GetString());
        Assert.Equal("/hello", answer.GetProperty("path").GetString());
        Assert.Equal("gopher", answer.GetProperty("query").GetString());

        // The same content again: a new version, built from the cached binary.
        await Client.DeployServerAsync("srv-go", Samples.Zip("go-server"), kind: null);
        Assert.Contains("go build skipped: unchanged", await Client.LogsAsync("srv-go"), StringComparison.Ordinal);
        Assert.Equal("gopher", (await Client.GetJsonAsync("/invoke/srv-go?name=gopher")).GetProperty("query").GetString());
    }

    [Fact]
    public async Task GoServer_NeedsModuleDownload_FailsClearly()
    {
        var response = await Client.SendPutAsync("srv-go-mod", Samples.Zip("go-needs-module"), null, null).Bounded(HubApi.DeployTimeout);
        var text = await response.ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("no module download is possible here", text, StringComparison.Ordinal);
    }
}
