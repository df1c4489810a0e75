using System.Text.Json.Nodes;
using Faas.Cli.Folders;

namespace Faas.Cli.Tests.Folders;

/// <summary>The process line of <c>faas check</c> from the processes route's answer: every state, ✓ or ✗.</summary>
public sealed class ProcessCheckTests
{
    [Theory]
    [InlineData("""{"state":"running","pids":[11,12]}""", true, "2 node worker(s) running (pid 11, 12)")]
    [InlineData("""{"state":"starting","pids":[]}""", true, "node worker starting")]
    [InlineData("""{"state":"idle","pids":[]}""", true, "node workers idle by design (started on the next call)")]
    [InlineData("""{"state":"failed","pids":[],"failure":"exit 1"}""", false, "node workers keep failing to start: exit 1")]
    [InlineData("""{"state":"stopped","pids":[]}""", false, "no node worker runs (stopped)")]
    public void From_FunctionsPool_OkUnlessFailedOrStopped(string pool, bool ok, string message)
    {
        var node = JsonNode.Parse(pool)!.AsObject();
        node["language"] = "node";
        var result = ProcessCheck.From(new JsonObject { ["version"] = "v1", ["pools"] = new JsonArray(node), ["server"] = null });
        Assert.Equal(new CheckResult("process", ok, message), result);
    }

    [Fact]
    public void From_TwoPoolsOneFailed_NotOk()
    {
        var result = ProcessCheck.From(JsonNode.Parse("""
            {"version":"v1","pools":[{"language":"node","state":"running","pids":[5]},{"language":"py","state":"failed","pids":[],"failure":"boom"}]}
            """));
        Assert.False(result.Ok);
        Assert.Equal("1 node worker(s) running (pid 5); py workers keep failing to start: boom", result.Message);
    }

    [Theory]
    [InlineData("""{"kind":"node-server","state":"running","pid":7,"port":4000}""", true, "The node-server runs (pid 7, port 4000)")]
    [InlineData("""{"kind":"container","state":"running","pid":7,"port":4000,"container":"faas-box-v1-abc"}""", true, "The container runs (container faas-box-v1-abc, port 4000)")]
    [InlineData("""{"kind":"go-server","state":"idle"}""", true, "The go-server is idle by design (started on the next request)")]
    [InlineData("""{"kind":"go-server","state":"crashed","crashes":2}""", false, "The go-server crashed (2 in a row) and waits for its restart")]
    [InlineData("""{"kind":"go-server","state":"failed","crashes":5,"failure":"the go-server crashed 5 times in a row"}""", false, "The go-server failed: the go-server crashed 5 times in a row")]
    public void From_Server_OkUnlessCrashedOrFailed(string server, bool ok, string message)
    {
        var result = ProcessCheck.From(new JsonObject { ["version"] = "v1", ["pools"] = new JsonArray(), ["server"] = JsonNode.Parse(server) });
        Assert.Equal(new CheckResult("process", ok, message), result);
    }

    [Fact]
    public void From_NoActiveVersion_NotOk() =>
        Assert.False(ProcessCheck.From(JsonNode.Parse("""{"version":null,"pools":[],"server":null}""")).Ok);
}
