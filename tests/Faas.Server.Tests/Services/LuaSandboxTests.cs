using System.Net;
using System.Text.Json;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Services;

/// <summary>The Lua sandbox: every escape refused, a fresh environment per call, runaway calls ended at the timeout.</summary>
public sealed class LuaSandboxTests(LuaAppFixture fixture) : IClassFixture<LuaAppFixture>
{
    [Fact]
    public async Task Sandbox_EveryEscape_IsRefused()
    {
        var probe = JsonDocument.Parse(await fixture.Client.CallOkAsync(fixture.Call("sandbox_probe"), "[]")).RootElement;
        foreach (var check in probe.EnumerateObject())
        {
            Assert.True(check.Value.GetBoolean(), $"sandbox check '{check.Name}' failed");
        }
        Assert.Equal(19, probe.EnumerateObject().Count());
    }

    [Fact]
    public async Task Sandbox_GlobalsAndLibraryChanges_DoNotLeakToTheNextCall()
    {
        Assert.Equal("""{"leaked":1}""", await fixture.Client.CallOkAsync(fixture.Call("leak"), "[]"));
        Assert.Equal("""{"leaked":1}""", await fixture.Client.CallOkAsync(fixture.Call("leak"), "[]"));
        Assert.Equal("""{"leaked":true,"others":true,"pi":true,"upper":"A"}""", await fixture.Client.CallOkAsync(fixture.Call("fresh"), "[]"));
    }

    [Theory]
    [InlineData("loop")]
    [InlineData("caught_loop")]
    [InlineData("co_loop")]
    public async Task Call_InfiniteLoop_EndsAtTheTimeoutAndTheWorkerLives(string function)
    {
        var before = WorkerProcesses.OfApp(fixture.Factory.DataDirectory, LuaAppFixture.App).Select(w => w.Pid).ToList();
        var response = await fixture.Client.CallBoundedAsync(fixture.Call(function), "[]");
        var body = await response.TextAsync();
        Assert.True(response.StatusCode is HttpStatusCode.InternalServerError or HttpStatusCode.GatewayTimeout, body);
        Assert.Contains(response.StatusCode == HttpStatusCode.InternalServerError ? "timeout" : "timed out", body, StringComparison.Ordinal);
        Assert.Equal("3", await fixture.Client.CallOkAsync(fixture.Call("add"), "[1,2]"));
        if (response.StatusCode == HttpStatusCode.InternalServerError)
        {
            // Ended by the worker's own hook: the same worker still serves.
            Assert.Subset(WorkerProcesses.OfApp(fixture.Factory.DataDirectory, LuaAppFixture.App).Select(w => w.Pid).ToHashSet(), before.ToHashSet());
        }
    }

    [Fact]
    public async Task Call_HugeString_IsRefusedNotAllocated()
    {
        var body = await (await fixture.Client.CallBoundedAsync(fixture.Call("big"), "[]")).ExpectAsync(HttpStatusCode.InternalServerError);
        Assert.Contains("string.rep", body, StringComparison.Ordinal);
    }
}
