using System.Net;
using Faas.Core.Processes;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Servers;

/// <summary>Dockerfile apps built and run with Podman (one collection: the base image is imported once).</summary>
[Collection(nameof(ContainerTests))]
public sealed class ContainerTests(ContainerFixture fixture) : IClassFixture<ContainerFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Container_Dockerfile_BuiltRunAndRemovedOnDelete()
    {
        await Client.DeployServerAsync("srv-box", Samples.Zip("container-busybox"), kind: null);
        var text = await (await Client.GetBoundedAsync("/invoke/srv-box/index.html")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Hello from a container\n", text);
        Assert.NotEmpty(await ContainersAsync("faas-srv-box-"));

        await (await Client.DeleteAppAsync(fixture.Factory.Prefix, "srv-box")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(await ContainersAsync("faas-srv-box-"));
    }

    [Fact]
    public async Task Container_ServerShutdown_RemovesIt()
    {
        await using (var factory = new FaasAppFactory())
        {
            using var client = await factory.CreateReadyClientAsync().Bounded(TimeSpan.FromSeconds(150));
            await client.DeployServerAsync("srv-box-shutdown", Samples.Zip("container-busybox"), kind: null);
            Assert.NotEmpty(await ContainersAsync("faas-srv-box-shutdown-"));
        }
        Assert.Empty(await ContainersAsync("faas-srv-box-shutdown-"));
    }

    [Fact]
    public async Task Container_NoEngine_FailsClearly()
    {
        await using var factory = new FaasAppFactory();
        factory.Settings["Faas:Servers:ContainerEngine"] = "/nonexistent/podman";
        using var client = await factory.CreateReadyClientAsync().Bounded(TimeSpan.FromSeconds(150));
        var response = await client.SendPutAsync("srv-no-engine", Samples.Zip("container-busybox"), null, null).Bounded(HubApi.DeployTimeout);
        var text = await response.ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("no container engine is installed", text, StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<string>> ContainersAsync(string prefix)
    {
        var result = await ProcessRunner.RunAsync("podman", ["ps", "-a", "--format", "{{.Names}}"], null, TimeSpan.FromSeconds(30),
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, string.Join('\n', result.LastLines));
        return [.. result.LastLines.Where(l => l.StartsWith(prefix, StringComparison.Ordinal))];
    }
}
