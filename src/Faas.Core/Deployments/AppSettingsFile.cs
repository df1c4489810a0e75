using System.Text.Json;
using System.Text.Json.Serialization;
using Faas.Core.Pools;

namespace Faas.Core.Deployments;

/// <summary>
/// An app's own overrides of the server's pool settings, from an optional <c>faas.json</c> at its root:
/// <c>{"minWorkers":1,"maxWorkers":4,"maxQueuedCalls":100,"callTimeoutSeconds":10,"idleTimeoutSeconds":600,"memoryLimitMb":256}</c>,
/// its workers' limits and network (<c>{"maxOpenFiles":1024,"maxProcesses":64,"maxFileSizeMb":100,"cpuLimitSeconds":600,"network":false}</c>),
/// which web pages may call it from a browser (<c>"cors"</c>, see <see cref="AppCors"/>), and the function
/// <c>/fn/{app}</c> runs (<c>"handler"</c>, default <c>handler</c>), and how much of its execution history is kept
/// (<c>{"historyMaxAgeDays":30,"historyMaxCount":50000}</c>, default the server's <c>Faas:Executions</c> settings).
/// </summary>
public sealed record AppSettingsFile(
    [property: JsonPropertyName("minWorkers")] int? MinWorkers,
    [property: JsonPropertyName("maxWorkers")] int? MaxWorkers,
    [property: JsonPropertyName("maxQueuedCalls")] int? MaxQueuedCalls,
    [property: JsonPropertyName("callTimeoutSeconds")] double? CallTimeoutSeconds,
    [property: JsonPropertyName("idleTimeoutSeconds")] double? IdleTimeoutSeconds,
    [property: JsonPropertyName("memoryLimitMb")] int? MemoryLimitMb,
    [property: JsonPropertyName("cors")] JsonElement? Cors = null,
    [property: JsonPropertyName("maxOpenFiles")] int? MaxOpenFiles = null,
    [property: JsonPropertyName("maxProcesses")] int? MaxProcesses = null,
    [property: JsonPropertyName("maxFileSizeMb")] int? MaxFileSizeMb = null,
    [property: JsonPropertyName("cpuLimitSeconds")] int? CpuLimitSeconds = null,
    [property: JsonPropertyName("network")] bool? Network = null,
    [property: JsonPropertyName("handler")] string? Handler = null,
    [property: JsonPropertyName("historyMaxAgeDays")] double? HistoryMaxAgeDays = null,
    [property: JsonPropertyName("historyMaxCount")] int? HistoryMaxCount = null)
{
    public const string FileName = "faas.json";

    public static PoolOptions Apply(PoolOptions defaults, string appDirectory)
    {
        var path = Path.Combine(appDirectory, FileName);
        if (!File.Exists(path))
        {
            return defaults;
        }
        AppSettingsFile? file;
        try
        {
            file = JsonSerializer.Deserialize(File.ReadAllText(path), AppSettingsJsonContext.Default.AppSettingsFile);
        }
        catch (JsonException e)
        {
            throw new FaasException(FaasError.BadRequest, $"{FileName} is not valid: {e.Message}");
        }
        if (file is null)
        {
            return defaults;
        }
        var options = defaults with
        {
            MinWorkers = file.MinWorkers ?? defaults.MinWorkers,
            MaxWorkers = file.MaxWorkers ?? defaults.MaxWorkers,
            MaxQueuedCalls = file.MaxQueuedCalls ?? defaults.MaxQueuedCalls,
            CallTimeout = file.CallTimeoutSeconds is { } call ? TimeSpan.FromSeconds(call) : defaults.CallTimeout,
            IdleTimeout = file.IdleTimeoutSeconds is { } idle ? TimeSpan.FromSeconds(idle) : defaults.IdleTimeout,
            MemoryLimitMb = file.MemoryLimitMb ?? defaults.MemoryLimitMb,
            Cors = file.Cors is { ValueKind: not JsonValueKind.Null } cors ? AppCors.Parse(cors) : defaults.Cors,
            MaxOpenFiles = file.MaxOpenFiles ?? defaults.MaxOpenFiles,
            MaxProcesses = file.MaxProcesses ?? defaults.MaxProcesses,
            MaxFileSizeMb = file.MaxFileSizeMb ?? defaults.MaxFileSizeMb,
            CpuLimitSeconds = file.CpuLimitSeconds ?? defaults.CpuLimitSeconds,
            Network = file.Network ?? defaults.Network,
            HttpHandler = string.IsNullOrWhiteSpace(file.Handler) ? defaults.HttpHandler : file.Handler.Trim(),
            HistoryMaxAge = file.HistoryMaxAgeDays is { } days ? (days is > 0 and <= 36_500 ? TimeSpan.FromDays(days) : TimeSpan.Zero) : defaults.HistoryMaxAge,
            HistoryMaxCount = file.HistoryMaxCount ?? defaults.HistoryMaxCount,
        };
        if (options.MinWorkers < 0 || options.MaxWorkers < 1 || options.MinWorkers > options.MaxWorkers
            || options.MaxQueuedCalls < 0 || options.CallTimeout <= TimeSpan.Zero || options.IdleTimeout <= TimeSpan.Zero || options.MemoryLimitMb < 0
            || options.MaxOpenFiles < 0 || options.MaxProcesses < 0 || options.MaxFileSizeMb < 0 || options.CpuLimitSeconds < 0
            || options.HistoryMaxAge <= TimeSpan.Zero || options.HistoryMaxCount < 1)
        {
            throw new FaasException(FaasError.BadRequest,
                $"{FileName} has an out-of-range value (need 0 <= minWorkers <= maxWorkers, maxWorkers >= 1, positive timeouts, limits >= 0, historyMaxAgeDays > 0, historyMaxCount >= 1).");
        }
        return options;
    }
}

[JsonSerializable(typeof(AppSettingsFile))]
internal sealed partial class AppSettingsJsonContext : JsonSerializerContext;
