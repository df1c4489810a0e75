using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using Faas.Core.Executions;
using Faas.Server.OpenApi;

namespace Faas.Server.Contracts;

[Description("Where a page of a list starts, its size and the total.")]
[JsonExample("""{"total": 42, "limit": 20, "offset": 0}""")]
public sealed record Pagination(
    [property: JsonPropertyName("total"), Description("Items in the whole list.")] int Total,
    [property: JsonPropertyName("limit"), Description("Most items per page (`?limit=`, 1 to 100, default 20).")] int Limit,
    [property: JsonPropertyName("offset"), Description("Items skipped (`?offset=`, default 0).")] int Offset);

[Description("One invocation of a function.")]
[JsonExample("""{"id": "ex_0192f1a3b4c5d6e7f8a9b0c1d", "app": "shop", "function": "handler", "version": "v2", "trigger": "http", "status": "success", "httpStatus": 200, "startedAt": "2026-11-30T11:00:00.123+00:00", "durationMs": 3.2, "error": null, "event": {"method": "GET", "path": "/fn/shop", "headers": {"authorization": "[REDACTED]"}}, "result": "{\"items\":3}"}""")]
public sealed record ExecutionResponse(
    [property: JsonPropertyName("id"), Description("`ex_` + start time + random: ids sort by start time.")] string Id,
    [property: JsonPropertyName("app")] string App,
    [property: JsonPropertyName("function")] string Function,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("trigger"), Description("`http` (/fn, or a request to a server app at /invoke) or `call` (Hub call/await).")] string Trigger,
    [property: JsonPropertyName("status"), Description("`pending`, `success`, `error` or `timeout`.")] string Status,
    [property: JsonPropertyName("httpStatus"), Description("The status the caller got.")] int? HttpStatus,
    [property: JsonPropertyName("startedAt")] DateTimeOffset StartedAt,
    [property: JsonPropertyName("durationMs")] double? DurationMs,
    [property: JsonPropertyName("error"), Description("What went wrong (an HTTP function's caller only sees a generic message).")] string? Error,
    [property: JsonPropertyName("event"), Description("An HTTP function's event, or a server app request's method, path, query and headers; secrets masked.")] JsonElement? Event,
    [property: JsonPropertyName("result"), Description("A successful execution's value as text: a Hub call's JSON result, or an HTTP function's body when it is text; secret JSON fields masked, at most 4 KiB then `…(truncated)`. Null for errors, binary bodies, server apps and executions recorded before results were kept.")] string? Result)
{
    public static ExecutionResponse From(ExecutionRecord r) => new(
        r.Id, r.App, r.Function, r.Version, r.Trigger, r.Status, r.HttpStatus, r.StartedAt, r.DurationMs, r.Error,
        r.Event is null ? null : JsonDocument.Parse(r.Event).RootElement.Clone(), r.Result);
}

[Description("A page of an app's executions, newest first.")]
[JsonExample("""{"executions": [], "pagination": {"total": 0, "limit": 20, "offset": 0}, "dropped": 0}""")]
public sealed record ExecutionListResponse(
    [property: JsonPropertyName("executions")] IReadOnlyList<ExecutionResponse> Executions,
    [property: JsonPropertyName("pagination")] Pagination Pagination,
    [property: JsonPropertyName("dropped"), Description("Records the history writer dropped since start-up because it fell behind (server-wide).")] long Dropped);

[Description("A line a function logged during the execution.")]
public sealed record ExecutionLogResponse(
    [property: JsonPropertyName("level"), Description("`info`, `debug`, `warn` or `error` (`faas.log`), or `output` (a line the function printed, when its worker had only that call in flight).")] string Level,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("at")] DateTimeOffset At);

[Description("An execution with its log lines, oldest first.")]
[JsonExample("""{"execution": {"id": "ex_0192f1a3b4c5d6e7f8a9b0c1d", "app": "shop", "function": "handler", "version": "v2", "trigger": "http", "status": "error", "httpStatus": 500, "startedAt": "2026-11-30T11:00:00.123+00:00", "durationMs": 3.2, "error": "Error: out of stock", "event": null, "result": null}, "logs": [{"level": "info", "message": "checking stock", "at": "2026-11-30T11:00:00.124+00:00"}]}""")]
public sealed record ExecutionDetailResponse(
    [property: JsonPropertyName("execution")] ExecutionResponse Execution,
    [property: JsonPropertyName("logs")] IReadOnlyList<ExecutionLogResponse> Logs);
