namespace Faas.Core.Functions;

/// <summary>A handler's <c>ctx</c>: which execution, app, function and version this is, and where the server is.</summary>
public sealed record HandlerContext(
    string ExecutionId, string App, string FunctionName, string Version, DateTimeOffset StartedAt, string BaseUrl, string RequestId, string Trigger);
