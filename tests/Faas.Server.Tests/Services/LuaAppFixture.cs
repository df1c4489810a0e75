using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Services;

/// <summary>One server with <see cref="LuaApp"/> deployed (as <c>lua-api</c>, env GREETING=hi), shared by the Lua API tests; calls time out after 3 s.</summary>
public sealed class LuaAppFixture : IAsyncLifetime
{
    public const string App = "lua-api";

    public FaasAppFactory Factory { get; } = new() { ExecutionLog = new RecordingExecutionLog() };

    public HttpClient Client { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Factory.Settings["Faas:Pools:CallTimeout"] = "00:00:03";
        Client = await Factory.CreateReadyClientAsync().Bounded(HubApi.DeployTimeout);
        await Client.DeployZipAsync(App, TestZip.Create(("main.lua", LuaApp.Source)), env: new[] { new { name = "GREETING", value = "hi" } });
    }

    public string Call(string function) => Factory.CallPath(App, function);

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
