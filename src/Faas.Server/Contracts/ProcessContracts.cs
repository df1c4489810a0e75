using System.ComponentModel;
using System.Text.Json.Serialization;
using Faas.Server.OpenApi;

namespace Faas.Server.Contracts;

[Description("What runs for an app's active version now: its worker pools (a functions app) or its server process (an HTTP-server app).")]
[JsonExample("""{"app": "hello", "status": "ready", "version": "v2", "kind": "functions", "pools": [{"language": "node", "state": "running", "pids": [4242], "starting": 0, "failure": null}], "server": null}""")]
public sealed record AppProcessesResponse(
    [property: JsonPropertyName("app")] string App,
    [property: JsonPropertyName("status"), Description("`create`, `ready` or `fail`, as in inspect.")] string Status,
    [property: JsonPropertyName("version"), Description("The active version; null before the first deploy succeeds (then nothing runs).")] string? Version,
    [property: JsonPropertyName("kind"), Description("`functions` or `server`.")] string Kind,
    [property: JsonPropertyName("pools")] IReadOnlyList<WorkerPoolInfo> Pools,
    [property: JsonPropertyName("server")] ServerProcessInfo? Server);

[Description("One language's workers.")]
public sealed record WorkerPoolInfo(
    [property: JsonPropertyName("language")] string Language,
    [property: JsonPropertyName("state"), Description("`running` (pids listed), `starting`, `idle` (stopped by design: idle, parked, or not started since a restart; "
        + "the next call starts one), `failed` (they keep failing to start) or `stopped` (none runs although one should).")] string State,
    [property: JsonPropertyName("pids"), Description("The live workers' process ids.")] IReadOnlyList<int> Pids,
    [property: JsonPropertyName("starting"), Description("Workers being started.")] int Starting,
    [property: JsonPropertyName("failure"), Description("Why it gave up, when `failed`.")] string? Failure);

[Description("A server app's process.")]
public sealed record ServerProcessInfo(
    [property: JsonPropertyName("kind"), Description("`node-server`, `python-server`, `go-server` or `container`.")] string Kind,
    [property: JsonPropertyName("state"), Description("`running` (pid and port set), `starting`, `idle` (stopped by design; the next request starts it), "
        + "`crashed` (waiting for its restart) or `failed` (crashed Faas:Servers:MaxCrashes times in a row).")] string State,
    [property: JsonPropertyName("pid"), Description("The server's process id (for a container, its engine's `run` process).")] int? Pid,
    [property: JsonPropertyName("port"), Description("The loopback port it listens on.")] int? Port,
    [property: JsonPropertyName("container"), Description("The container's name, for a Dockerfile app.")] string? Container,
    [property: JsonPropertyName("crashes"), Description("Crashes in a row since it last answered.")] int Crashes,
    [property: JsonPropertyName("failure")] string? Failure);
