using Faas.Core.Servers;
using Faas.Core.Workers;

namespace Faas.Core.Tests.Servers;

/// <summary>Which apps are servers: the deploy's hint, then faas.json, then a Dockerfile or go.mod; anything else is functions.</summary>
public sealed class ServerKindsTests : IDisposable
{
    private readonly string _app = Directory.CreateTempSubdirectory("faas-server-kinds-").FullName;
    private readonly ServerKinds _kinds = new(new ServerAppOptions(), new WorkerOptions());

    public void Dispose() => Directory.Delete(_app, recursive: true);

    private void Write(string name, string content = "") => File.WriteAllText(Path.Combine(_app, name), content);

    [Fact]
    public void Find_PlainNodeOrPythonFolder_FunctionsApp()
    {
        Write("package.json", """{"main":"index.js","scripts":{"start":"node index.js"}}""");
        Write("index.js");
        Write("main.py");
        Write("requirements.txt");
        Assert.Null(_kinds.Find(_app, hint: null));
    }

    [Theory]
    [InlineData("Dockerfile", "container")]
    [InlineData("go.mod", "go-server")]
    public void Find_DockerfileOrGoMod_Server(string file, string kind)
    {
        Write(file);
        Write("package.json", "{}");
        Assert.Equal(kind, _kinds.Find(_app, hint: null)?.Id);
    }

    [Fact]
    public void Find_DockerfileAndGoMod_DockerfileFirst()
    {
        Write("go.mod");
        Write("Dockerfile");
        Assert.Equal("container", _kinds.Find(_app, hint: null)?.Id);
    }

    [Theory]
    [InlineData("""{"server": true}""")]
    [InlineData("""{"kind": "server"}""")]
    public void Find_FaasJsonSaysServer_Server(string faasJson)
    {
        Write("faas.json", faasJson);
        Write("main.py");
        Assert.Equal("python-server", _kinds.Find(_app, hint: null)?.Id);
    }

    [Fact]
    public void Find_FaasJsonSaysFunctions_WinsOverGoMod()
    {
        Write("faas.json", """{"kind": "functions"}""");
        Write("go.mod");
        Assert.Null(_kinds.Find(_app, hint: null));
    }

    [Fact]
    public void Find_HintWinsOverFaasJson()
    {
        Write("faas.json", """{"server": false}""");
        Write("package.json", "{}");
        Assert.Equal("node-server", _kinds.Find(_app, ServerKinds.Server)?.Id);
        Write("faas.json", """{"server": true}""");
        Assert.Null(_kinds.Find(_app, ServerKinds.Functions));
    }

    [Fact]
    public void Find_ServerWithNothingToStart_FailsNamingWhatToAdd()
    {
        Write("notes.txt");
        var error = Assert.Throws<FaasException>(() => _kinds.Find(_app, ServerKinds.Server));
        Assert.Equal(FaasError.DeployFailed, error.Error);
        Assert.Contains("Dockerfile, a go.mod, a package.json or a main.py", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_FaasJsonUnknownKind_BadRequest()
    {
        Write("faas.json", """{"kind": "daemon"}""");
        var error = Assert.Throws<FaasException>(() => _kinds.Find(_app, hint: null));
        Assert.Equal(FaasError.BadRequest, error.Error);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("server", true)]
    [InlineData("functions", true)]
    [InlineData("Server", false)]
    [InlineData("daemon", false)]
    public void IsValidHint_Values_OnlyServerOrFunctions(string? hint, bool valid) =>
        Assert.Equal(valid, ServerKinds.IsValidHint(hint));
}
