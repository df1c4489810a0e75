using System.ComponentModel;
using System.Text.Json.Serialization;
using Faas.Core.Pools;
using Faas.Server.OpenApi;

namespace Faas.Server.Contracts;

[Description("The pool and timeout settings an app's workers run with: the server's `Faas:Pools` defaults, overridden by the active version's `faas.json`.")]
[JsonExample("""{"fromFile": true, "minWorkers": 1, "maxWorkers": 4, "maxQueuedCalls": 1000, "callTimeoutSeconds": 10, "idleTimeoutSeconds": 600, "scaleDownAfterSeconds": 30, "memoryLimitMb": 512, "maxOpenFiles": 4096, "maxProcesses": 256, "maxFileSizeMb": 1024, "cpuLimitSeconds": 3600, "network": true, "httpHandler": "handler"}""")]
public sealed record AppSettingsResponse(
    [property: JsonPropertyName("fromFile"), Description("Whether the active version has a `faas.json`.")] bool FromFile,
    [property: JsonPropertyName("minWorkers")] int MinWorkers,
    [property: JsonPropertyName("maxWorkers")] int MaxWorkers,
    [property: JsonPropertyName("maxQueuedCalls")] int MaxQueuedCalls,
    [property: JsonPropertyName("callTimeoutSeconds")] double CallTimeoutSeconds,
    [property: JsonPropertyName("idleTimeoutSeconds")] double IdleTimeoutSeconds,
    [property: JsonPropertyName("scaleDownAfterSeconds")] double ScaleDownAfterSeconds,
    [property: JsonPropertyName("memoryLimitMb"), Description("0: none.")] int MemoryLimitMb,
    [property: JsonPropertyName("maxOpenFiles")] int MaxOpenFiles,
    [property: JsonPropertyName("maxProcesses")] int MaxProcesses,
    [property: JsonPropertyName("maxFileSizeMb")] int MaxFileSizeMb,
    [property: JsonPropertyName("cpuLimitSeconds")] int CpuLimitSeconds,
    [property: JsonPropertyName("network")] bool Network,
    [property: JsonPropertyName("httpHandler"), Description("The function `/fn/{app}` runs.")] string HttpHandler)
{
    public static AppSettingsResponse From(PoolOptions o, bool fromFile) => new(
        fromFile, o.MinWorkers, o.MaxWorkers, o.MaxQueuedCalls, o.CallTimeout.TotalSeconds, o.IdleTimeout.TotalSeconds, o.ScaleDownAfter.TotalSeconds,
        o.MemoryLimitMb, o.MaxOpenFiles, o.MaxProcesses, o.MaxFileSizeMb, o.CpuLimitSeconds, o.Network, o.HttpHandler);
}
