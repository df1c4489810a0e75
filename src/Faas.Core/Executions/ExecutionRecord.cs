namespace Faas.Core.Executions;

/// <summary>One invocation of a function, as the history keeps it.</summary>
/// <param name="Version">The version that ran (<c>v3</c>).</param>
/// <param name="Trigger"><c>call</c> (Hub call/await) or <c>http</c> (<c>/fn</c>); see <see cref="ExecutionTriggers"/>.</param>
/// <param name="Status"><c>pending</c>, <c>success</c>, <c>error</c> or <c>timeout</c>; see <see cref="ExecutionStatus"/>.</param>
/// <param name="Error">What went wrong (message, type, where), never sent to an HTTP function's caller by default.</param>
/// <param name="Event">An HTTP function's event as JSON, secrets masked (see <see cref="SecretMasker"/>).</param>
/// <param name="Result">A successful execution's value as text, masked and capped (see <see cref="ExecutionResultText"/>).</param>
public sealed record ExecutionRecord(
    string Id,
    string App,
    string Function,
    string Version,
    string Trigger,
    string Status,
    int? HttpStatus,
    DateTimeOffset StartedAt,
    double? DurationMs,
    string? Error,
    string? Event,
    string? Result = null);
