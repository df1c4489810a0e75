namespace Faas.Core.Functions;

/// <summary>
/// An HTTP function's execution: its id, version and duration (the <c>X-Execution-*</c> headers) and either
/// the handler's <see cref="Response"/> or the <see cref="Failure"/> to answer instead (with the detail the
/// execution record keeps).
/// </summary>
public sealed record HttpFunctionOutcome(string ExecutionId, string Version, double DurationMs, HandlerResponse? Response, FaasException? Failure, string? Detail);
